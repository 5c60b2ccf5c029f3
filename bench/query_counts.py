"""Count the SQL queries each benchmarked page makes, and its CPU time, in-process on the bench database.

The CPU time is the best of five rounds (other work on the machine only ever adds to it), for a
page viewed again (what the load test measures) and for a first view after a change at the office:
with every per-process store emptied, the mediator choices dropped and the office's case counts
made stale before each request, so the timeline, its entries, the filter form, the choices and the
count are all made anew (the signed-in session and user stay kept, as for someone at work).
"""

import json
import os
import sys
import time
from collections.abc import Callable
from functools import partial

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mekle.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from mekle.access.counts import next_generation  # noqa: E402
from mekle.accounts.models import User  # noqa: E402
from mekle.lib.kept import Kept  # noqa: E402
from mekle.mediators.selectors import MEDIATOR_CHOICES_KEY  # noqa: E402

ROUNDS, REQUESTS = 5, 40


def cpu_ms(client: Client, path: str, before_each: Callable[[], None] | None = None) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        spent = 0.0
        for _ in range(REQUESTS):
            if before_each is not None:
                before_each()
            started = time.process_time()
            client.get(path)
            spent += time.process_time() - started
        best = min(best, spent / REQUESTS * 1000)
    return round(best, 2)


def forget_everything(office_id: int) -> None:
    Kept.clear_all()
    cache.delete(MEDIATOR_CHOICES_KEY)
    next_generation(office_id)  # as a case event at the office does once it commits


def main() -> None:
    paths = json.loads(sys.argv[1])
    client = Client()
    caseworker = User.objects.get(username="bench.caseworker")
    client.force_login(caseworker)
    if "django_otp" in settings.INSTALLED_APPS:  # a tree with the second factor (not a `--before` one without)
        from django_otp import DEVICE_ID_SESSION_KEY

        from bench.build_data import authenticator_app

        verified = client.session
        verified[DEVICE_ID_SESSION_KEY] = authenticator_app(caseworker).persistent_id
        verified.save()
    results = {}
    for name, path in paths.items():
        client.get(path)  # warm caches, as a running server would be
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        results[name] = {"status": status, "queries": len(queries), "cpu_ms": cpu_ms(client, path)}
        if name != "noop":
            forget = partial(forget_everything, caseworker.office_id)
            results[name]["cpu_ms_first_view"] = cpu_ms(client, path, before_each=forget)
    print(json.dumps(results))


if __name__ == "__main__":
    main()

"""Count the SQL queries each benchmarked page makes, in-process against the bench database."""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mekle.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from mekle.accounts.models import User  # noqa: E402


def main() -> None:
    paths = json.loads(sys.argv[1])
    client = Client()
    client.force_login(User.objects.get(username="bench.caseworker"))
    counts = {}
    for name, path in paths.items():
        client.get(path)  # warm caches, as a running server would be
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        counts[name] = {"status": status, "queries": len(queries)}
    print(json.dumps(counts))


if __name__ == "__main__":
    main()

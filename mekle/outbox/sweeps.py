"""The worker's periodic sweep: stuck tasks ready again, then each app's catch-up (what should have been queued).

An app registers its catch-up in its AppConfig.ready() with `register` (the apps above the outbox
call down to it; the outbox never imports them). Each catch-up enqueues work that is due and not
already waiting, and returns how many it enqueued; every one is safe to run on several workers.
"""

import logging
from collections.abc import Callable

from mekle.cases import checkpoints
from mekle.lib import clock

from . import queue, services

logger = logging.getLogger(__name__)

_catch_ups: dict[str, Callable[[], int]] = {}


def register(name: str, catch_up: Callable[[], int]) -> None:
    _catch_ups[name] = catch_up


def catch_up_emails() -> int:
    from .tasks import deliver_email  # the tasks import the services, like this module

    waiting = {str(value) for value in queue.waiting(deliver_email, "email_id")}
    due = [str(pk) for pk in services.due_emails(clock.now()) if str(pk) not in waiting]
    for email_id in due:
        deliver_email.enqueue(email_id=email_id)
    return len(due)


register("outbox.emails", catch_up_emails)
# The timeline's signed checkpoint, at least daily (the cases app is below the outbox and cannot register).
register("cases.checkpoint", checkpoints.write_checkpoint_if_due)


def sweep() -> dict[str, int]:
    """One sweep; a catch-up that fails is logged and the others still run. Returns the counts by name."""
    counts = {"tasks.recovered": queue.recover_stale_tasks()}
    for name, catch_up in _catch_ups.items():
        try:
            counts[name] = catch_up()
        except Exception:
            logger.exception("sweep %s failed", name)
            counts[name] = -1
    if any(counts.values()):
        logger.info("sweep: %s", counts)
    return counts

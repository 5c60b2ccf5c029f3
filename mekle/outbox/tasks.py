"""Background work for the outbox: one e-mail sent (claimed, sent, recorded)."""

from collections.abc import Iterable

from django_tasks import task

from mekle.lib import clock

from . import services
from .models import EmailStatus, OutboxEmail
from .queue import enqueue_at


def send_queued(emails: Iterable[OutboxEmail]) -> int:
    """Send rows the caller has just queued and committed, here and now; returns how many went out.

    One that fails gets its retry task, as in `deliver_email`; one not reached (the process died)
    is sent by the sweep.
    """
    return sum(_deliver(str(email.pk)) == EmailStatus.SENT for email in emails)


@task()
def deliver_email(*, email_id: str) -> str:
    """Send one queued e-mail; after a failure, enqueue itself again for the row's `next_attempt_at`.

    A backend that cannot defer (the tests' immediate one) gets no retry task: the worker's sweep
    sends whatever is due, so nothing waits forever.
    """
    return _deliver(email_id)


def _deliver(email_id: str) -> str:
    email = services.deliver_email(email_id=email_id)
    if email is None:
        return "skipped"
    if email.status == EmailStatus.PENDING and email.next_attempt_at is not None:
        enqueue_at(deliver_email, max(email.next_attempt_at, clock.now()), email_id=email_id)
        return "retrying"
    return str(email.status)

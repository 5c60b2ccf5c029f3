"""Background work for referring organisations: sending outcome webhooks, with back-off between attempts."""

from django_tasks import task

from mekle.lib import clock
from mekle.outbox import queue

from .models import DeliveryStatus
from .services import outcomes


@task()
def deliver_outcome(*, delivery_id: int) -> str:
    """Try one webhook; on failure enqueue itself again for the delivery's `next_attempt_at`.

    A backend that cannot defer (the tests' immediate one) gets no retry task; `send_outcomes`
    (run by cron or beside the worker) sends whatever is due, so nothing waits forever.
    """
    delivery = outcomes.attempt_delivery(delivery_id=delivery_id)
    if delivery is None:
        return "skipped"
    if delivery.status != DeliveryStatus.PENDING or delivery.next_attempt_at is None:
        return str(delivery.status)
    if deliver_outcome.get_backend().supports_defer:
        deliver_outcome.using(run_after=max(delivery.next_attempt_at, clock.now())).enqueue(delivery_id=delivery_id)
    return "retrying"


def catch_up_deliveries() -> int:
    """Enqueue every due webhook with no task waiting (part of the worker's sweep); returns how many."""
    waiting = queue.waiting(deliver_outcome, "delivery_id")
    due = [pk for pk in outcomes.due_deliveries(clock.now()) if pk not in waiting]
    for delivery_id in due:
        deliver_outcome.enqueue(delivery_id=delivery_id)
    return len(due)

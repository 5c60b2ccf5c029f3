"""`make worker`: run tasks, with a lease on each (a dead worker's task runs again) and the periodic sweep."""

from typing import Any

from django_tasks_db.management.commands import db_worker

from mekle.outbox import sweeps
from mekle.outbox.worker import LeasedWorker


class Command(db_worker.Command):
    help = (
        "Run the background worker: django-tasks-db's db_worker with a heartbeat, so that a task whose "
        "worker died is run again, and the sweep that re-queues stuck tasks and missed work."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sweeps.sweep()  # catch up at once after a stop, before the first task
        original = db_worker.Worker
        setattr(db_worker, "Worker", LeasedWorker)  # noqa: B010  (the command builds its worker by this name)
        try:
            super().handle(*args, **options)
        finally:
            setattr(db_worker, "Worker", original)  # noqa: B010

"""`run_worker`: django-tasks-db's worker, with a heartbeat (its lease) and the periodic sweep beside it.

A companion thread renews the worker's heartbeat every `MEKLE_WORKER_HEARTBEAT_SECONDS` and runs
the sweep (mekle.outbox.sweeps) every `MEKLE_SWEEP_SECONDS`, on its own database connection, while
the main thread runs tasks. A task whose worker died is READY again at most
`MEKLE_TASK_LEASE_SECONDS` + `MEKLE_SWEEP_SECONDS` after the worker's last heartbeat (60 + 30 s by
default), on whichever worker sweeps first.
"""

import logging
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Worker

from mekle.lib import clock

from . import queue, sweeps

logger = logging.getLogger(__name__)


class Companion(threading.Thread):
    """Heartbeat and sweep for one worker; `stop()` ends it and removes the heartbeat."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"mekle-worker-{worker_id[:8]}", daemon=True)
        self.worker_id = worker_id
        self.started_at = clock.now()
        self._stop_event = threading.Event()

    def tick(self, *, sweep: bool) -> None:
        close_old_connections()
        try:
            queue.beat(self.worker_id, started_at=self.started_at)
            if sweep:
                sweeps.sweep()
        except Exception:  # a locked SQLite file, a restarting database: the next tick tries again
            logger.exception("worker heartbeat or sweep failed")

    def run(self) -> None:
        last_sweep = 0.0
        try:
            while not self._stop_event.is_set():
                due = time.monotonic() - last_sweep >= settings.MEKLE_SWEEP_SECONDS
                self.tick(sweep=due)
                if due:
                    last_sweep = time.monotonic()
                self._stop_event.wait(settings.MEKLE_WORKER_HEARTBEAT_SECONDS)
        finally:
            try:
                queue.stop_beating(self.worker_id)
            finally:
                connection.close()

    def stop(self) -> None:
        self._stop_event.set()


class LeasedWorker(Worker):
    """The database worker, beating its heartbeat first so that its first claim is already covered."""

    def run(self) -> None:
        queue.beat(self.worker_id, started_at=clock.now())
        companion = Companion(self.worker_id)
        companion.start()
        try:
            super().run()
        finally:
            companion.stop()
            companion.join(timeout=10)

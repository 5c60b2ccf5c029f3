"""The task queue as the worker sees it: leases of live workers, stuck tasks set ready again, what waits.

`recover_stale_tasks` is the lease: a task RUNNING under a worker whose heartbeat
(`WorkerHeartbeat.seen_at`) is older than `MEKLE_TASK_LEASE_SECONDS` is set READY again, by a
compare-and-set UPDATE on its `started_at`, so two sweeping workers recover it once and a task that
another worker has meanwhile claimed again is left alone. Works the same on SQLite and PostgreSQL.
"""

import datetime as dt
import logging
import os
import socket
from typing import Any

from django.conf import settings
from django.db.models import Q
from django_tasks.base import Task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from mekle.lib import clock

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

READY, RUNNING, FAILED = "READY", "RUNNING", "FAILED"


def enqueue_at(task_: Task[Any, Any], when: dt.datetime, **kwargs: Any) -> bool:
    """Enqueue `task_` to run at `when`; a backend that cannot defer gets nothing (the sweep catches up)."""
    if not task_.get_backend().supports_defer:
        return False
    task_.using(run_after=max(when, clock.now())).enqueue(**kwargs)
    return True


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.MEKLE_TASK_LEASE_SECONDS)


def beat(worker_id: str, *, started_at: dt.datetime) -> None:
    """Renew this worker's lease on the tasks it runs."""
    now = clock.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": now, "started_at": started_at, "host": socket.gethostname()[:255], "pid": os.getpid()},
    )


def stop_beating(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def stuck_tasks(now: dt.datetime) -> Any:
    """RUNNING tasks whose worker's lease ran out (or that never had one), started before the lease."""
    cutoff = now - lease()
    alive = WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True)
    running = DBTaskResult.objects.filter(status=RUNNING, started_at__lt=cutoff)
    live_ids = set(alive)
    return [result for result in running if not result.worker_ids or result.worker_ids[-1] not in live_ids]


def recover_stale_tasks(now: dt.datetime | None = None) -> int:
    """Set READY again every task whose worker died; returns how many. Old heartbeats are forgotten."""
    now = now or clock.now()
    recovered = 0
    for result in stuck_tasks(now):
        done = DBTaskResult.objects.filter(pk=result.pk, status=RUNNING, started_at=result.started_at).update(
            status=READY, started_at=None
        )
        if done:
            logger.warning(
                "task %s (%s) lost its worker %s: ready again", result.pk, result.task_path, result.worker_ids
            )
        recovered += done
    WorkerHeartbeat.objects.filter(seen_at__lt=now - dt.timedelta(days=1)).delete()
    return recovered


def retry_task(result: DBTaskResult[Any, Any]) -> bool:
    """Set a failed or stuck task READY to run now (the administrators' retry); False if it is neither."""
    now = clock.now()
    stuck = Q(status=RUNNING, started_at__lt=now - lease())
    return bool(
        DBTaskResult.objects.filter(Q(status=FAILED) | stuck, pk=result.pk).update(
            status=READY, started_at=None, finished_at=None, run_after=now
        )
    )


def waiting(task_: Task[Any, Any], key: str) -> set[Any]:
    """Values of `key` in the arguments of `task_`'s READY or RUNNING results: work already queued.

    Empty with a backend other than the database's (nothing waits in the tests' immediate one).
    """
    if not isinstance(task_.get_backend(), DatabaseBackend):
        return set()
    values = DBTaskResult.objects.filter(task_path=task_.module_path, status__in=[READY, RUNNING]).values_list(
        f"args_kwargs__kwargs__{key}", flat=True
    )
    found: set[Any] = set()
    for value in values:  # a list argument (several notices' ids) counts each of its items
        found.update(value if isinstance(value, list) else [] if value is None else [value])
    return found

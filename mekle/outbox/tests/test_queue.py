"""The lease: a task RUNNING under a dead worker is ready again once its heartbeat is older than the lease."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from mekle.outbox import queue, sweeps
from mekle.outbox.models import WorkerHeartbeat
from mekle.outbox.tasks import deliver_email

T0 = dt.datetime(2026, 5, 4, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.MEKLE_TASK_LEASE_SECONDS = 60


def claimed_by(worker_id: str, at: dt.datetime) -> DBTaskResult[Any, Any]:
    result = deliver_email.enqueue(email_id="e1")
    row = DBTaskResult.objects.get(pk=result.id)
    with time_machine.travel(at, tick=False):
        row.claim(worker_id)
    return row


def test_a_task_of_a_worker_without_a_heartbeat_is_ready_again_after_the_lease(db):
    row = claimed_by("dead", T0)
    assert queue.recover_stale_tasks(T0 + dt.timedelta(seconds=59)) == 0
    assert queue.recover_stale_tasks(T0 + dt.timedelta(seconds=61)) == 1
    row.refresh_from_db()
    assert row.status == "READY"
    assert row.started_at is None
    assert queue.recover_stale_tasks(T0 + dt.timedelta(seconds=62)) == 0  # once, whoever sweeps


def test_a_task_of_a_worker_still_beating_is_left_alone_however_long_it_runs(db):
    row = claimed_by("alive", T0)
    with time_machine.travel(T0 + dt.timedelta(minutes=10), tick=False):
        queue.beat("alive", started_at=T0)
    assert queue.recover_stale_tasks(T0 + dt.timedelta(minutes=10, seconds=30)) == 0
    row.refresh_from_db()
    assert row.status == "RUNNING"
    # its heartbeat stops (the machine died): the lease runs out a minute after the last beat
    assert queue.recover_stale_tasks(T0 + dt.timedelta(minutes=11, seconds=1)) == 1


def test_a_stopped_worker_forgets_its_heartbeat_and_old_heartbeats_are_cleared(db):
    queue.beat("w1", started_at=T0)
    queue.stop_beating("w1")
    assert not WorkerHeartbeat.objects.exists()
    with time_machine.travel(T0, tick=False):
        queue.beat("w2", started_at=T0)
    queue.recover_stale_tasks(T0 + dt.timedelta(days=2))
    assert not WorkerHeartbeat.objects.exists()


def test_an_administrators_retry_sets_a_failed_or_stuck_task_ready_and_nothing_else(db):
    failed = claimed_by("w", T0)
    failed.set_failed(ValueError("boom"))
    stuck = claimed_by("gone", T0 - dt.timedelta(hours=1))
    running = claimed_by("w", dt.datetime.now(dt.UTC))
    queue.beat("w", started_at=T0)
    assert queue.retry_task(failed)
    assert queue.retry_task(stuck)
    assert not queue.retry_task(running)  # within its lease: it may still be running
    assert DBTaskResult.objects.get(pk=failed.pk).status == "READY"
    assert DBTaskResult.objects.get(pk=stuck.pk).status == "READY"


def test_waiting_names_the_queued_and_running_work_only_with_the_database_backend(db, settings):
    claimed_by("w", T0)
    deliver_email.enqueue(email_id="e2")
    done = deliver_email.enqueue(email_id="e3")
    DBTaskResult.objects.filter(pk=done.id).update(status="SUCCESSFUL")
    assert queue.waiting(deliver_email, "email_id") == {"e1", "e2"}
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert queue.waiting(deliver_email, "email_id") == set()


def test_the_sweep_recovers_tasks_and_a_failing_catch_up_does_not_stop_the_others(db, monkeypatch, caplog):
    claimed_by("dead", T0 - dt.timedelta(hours=1))
    ran = []

    def broken() -> int:
        raise RuntimeError("boom")

    def fine() -> int:
        ran.append(1)
        return 2

    monkeypatch.setattr(sweeps, "_catch_ups", {"broken": broken, "fine": fine})
    counts = sweeps.sweep()
    assert counts == {"tasks.recovered": 1, "broken": -1, "fine": 2}
    assert ran == [1]
    assert "sweep broken failed" in caplog.text

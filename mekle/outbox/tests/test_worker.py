"""`run_worker` (what `make worker` runs): the database worker with a heartbeat and the sweep beside it."""

from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.management.commands import db_worker

from mekle.outbox import queue, sweeps, worker
from mekle.outbox.models import EmailStatus, OutboxEmail, WorkerHeartbeat

from .test_services import queue_one


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_run_worker_sweeps_first_then_runs_the_work_it_found_under_a_heartbeat(db, mailoutbox):
    queue_one(hand_to_worker=False)  # queued, its task lost
    beats = []
    with (
        mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"),
        mock.patch.object(worker.Companion, "start", lambda self: beats.append(self.worker_id)),
        mock.patch.object(worker.Companion, "join"),
    ):
        call_command("run_worker", "--batch", "--no-startup-delay", "--no-reload", "--worker-id", "w-1", verbosity=0)
    assert OutboxEmail.objects.get().status == EmailStatus.SENT
    assert len(mailoutbox) == 1
    assert beats == ["w-1"]
    assert WorkerHeartbeat.objects.filter(worker_id="w-1").exists()  # beaten before the first claim
    assert db_worker.Worker is not worker.LeasedWorker  # the library's command is left as it was


def test_the_companion_beats_and_sweeps_and_says_so_when_the_database_refuses(db, monkeypatch, caplog):
    companion = worker.Companion("w-2")
    swept = []
    monkeypatch.setattr(sweeps, "sweep", lambda: swept.append(1))
    monkeypatch.setattr(worker, "close_old_connections", lambda: None)
    companion.tick(sweep=False)
    assert WorkerHeartbeat.objects.filter(worker_id="w-2").exists()
    assert swept == []
    companion.tick(sweep=True)
    assert swept == [1]
    monkeypatch.setattr(queue, "beat", mock.Mock(side_effect=RuntimeError("locked")))
    companion.tick(sweep=True)
    assert "worker heartbeat or sweep failed" in caplog.text


def test_the_companion_runs_until_stopped_then_removes_its_heartbeat(db, monkeypatch, settings):
    settings.MEKLE_WORKER_HEARTBEAT_SECONDS = 0
    companion = worker.Companion("w-3")
    ticks = []

    def tick(*, sweep):
        ticks.append(sweep)
        queue.beat("w-3", started_at=companion.started_at)
        if len(ticks) == 3:
            companion.stop()

    monkeypatch.setattr(companion, "tick", tick)
    monkeypatch.setattr(connection, "close", lambda: None)  # the test's own connection
    companion.run()
    assert ticks == [True, False, False]  # a sweep at start, then every MEKLE_SWEEP_SECONDS
    assert not WorkerHeartbeat.objects.filter(worker_id="w-3").exists()

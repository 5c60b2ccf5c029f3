"""Reminders on the right days, exactly once, through worker restarts and a failing mail server."""

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from mekle.agreements import tasks
from mekle.agreements.models import FollowUpReminder
from mekle.cases.models import Case, Status
from mekle.outbox import queue
from mekle.outbox.models import EmailStatus, OutboxEmail
from mekle.testing.agreement_rows import approved_version

OSLO = ZoneInfo("Europe/Oslo")
FULFILMENT = dt.date(2026, 3, 20)


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def oslo(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=OSLO)


def run_worker_at(moment: dt.datetime) -> None:
    """Run the real database worker once, at `moment`, inside the test's transaction.

    The worker closes "old" connections between tasks; inside a test transaction PostgreSQL's
    connection is not in autocommit, which Django takes for a broken connection and closes,
    ending the test's transaction. Here the test owns the connection, so that step is skipped.
    """
    with (
        time_machine.travel(moment, tick=False),
        mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"),
    ):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.fixture
def scheduled(case, mia, alice):
    """An approved civil agreement due on 20 March; its follow-up task has run: three reminders wait."""
    alice.email = "alice@konfliktradet.example"
    alice.save()
    case.parties.filter(role="victim").update(email="ola@example.no", preferred_language="nn")
    with time_machine.travel(oslo(dt.date(2026, 2, 1), 12), tick=False):
        version = approved_version(case, mediator=mia, fulfilment_date=FULFILMENT)
        tasks.follow_up_approved_version.enqueue(version_id=version.pk)
    run_worker_at(oslo(dt.date(2026, 2, 1), 12, 1))
    return version


def sent_kinds(version) -> list[str]:
    return list(version.reminders.filter(sent_at__isnull=False).order_by("due_at").values_list("kind", flat=True))


def test_three_reminders_are_scheduled_at_nine_oslo_time(scheduled):
    due = {r.kind: r.due_at for r in scheduled.reminders.all()}
    assert due == {
        "week_before": oslo(dt.date(2026, 3, 13)),
        "day_before": oslo(dt.date(2026, 3, 19)),
        "on_the_day": oslo(FULFILMENT),
    }
    waiting = DBTaskResult.objects.filter(task_path=tasks.send_follow_up_reminder.module_path, status="READY")
    assert sorted(t.run_after for t in waiting) == sorted(due.values())


def test_nothing_is_sent_before_its_day_and_each_reminder_on_its_day(scheduled):
    mail.outbox.clear()
    run_worker_at(oslo(dt.date(2026, 3, 13), 8, 59))
    assert sent_kinds(scheduled) == []
    assert mail.outbox == []

    run_worker_at(oslo(dt.date(2026, 3, 13), 9, 0))
    assert sent_kinds(scheduled) == ["week_before"]
    assert [m.to for m in mail.outbox] == [["alice@konfliktradet.example"]]

    run_worker_at(oslo(dt.date(2026, 3, 18), 23))
    assert sent_kinds(scheduled) == ["week_before"]
    run_worker_at(oslo(dt.date(2026, 3, 19), 9, 30))
    assert sent_kinds(scheduled) == ["week_before", "day_before"]
    run_worker_at(oslo(FULFILMENT, 10))
    assert sent_kinds(scheduled) == ["week_before", "day_before", "on_the_day"]
    # Three to the caseworker, and on the day one to the complainant.
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@konfliktradet.example"] * 3 + ["ola@example.no"]


def test_reminders_are_neutral_and_in_the_recipients_language(scheduled):
    mail.outbox.clear()
    run_worker_at(oslo(FULFILMENT, 10))
    to_party = next(m for m in mail.outbox if m.to == ["ola@example.no"])
    for text in (to_party.subject, to_party.body):
        assert "Kari" not in text
        assert "Nordmann" not in text
        assert "hekk" not in text.lower()
    assert "/portal/cases/" in to_party.body
    case = scheduled.agreement.case
    for message in mail.outbox:  # a glance at the inbox tells nothing: no case, no mediation
        assert message.subject in ("Påminnelse", "Reminder", "Påminning")
        assert case.reference not in message.subject
        assert case.reference not in message.body.replace(f"/cases/{case.reference}/", "/cases/…/")
    assert "mekling" not in to_party.body.lower()


def test_running_the_same_reminder_twice_sends_it_once(scheduled):
    reminder = scheduled.reminders.get(kind="week_before")
    mail.outbox.clear()
    with time_machine.travel(oslo(dt.date(2026, 3, 13), 9, 5), tick=False):
        assert tasks.send_follow_up_reminder.call(reminder_id=reminder.pk) == "sent"
        assert tasks.send_follow_up_reminder.call(reminder_id=reminder.pk) == "already sent"
    run_worker_at(oslo(dt.date(2026, 3, 13), 9, 10))  # the enqueued task runs too
    assert len(mail.outbox) == 1


def test_a_task_picked_by_a_worker_that_died_is_requeued_and_sent_once(scheduled):
    mail.outbox.clear()
    task = DBTaskResult.objects.get(
        task_path=tasks.send_follow_up_reminder.module_path,
        args_kwargs__kwargs__reminder_id=scheduled.reminders.get(kind="week_before").pk,
    )
    with time_machine.travel(oslo(dt.date(2026, 3, 13), 9, 1), tick=False):
        task.claim("worker-that-died")  # picked, never finished: the worker will not pick it again
    run_worker_at(oslo(dt.date(2026, 3, 13), 9, 2))
    assert sent_kinds(scheduled) == []

    with time_machine.travel(oslo(dt.date(2026, 3, 13), 9, 1) + dt.timedelta(seconds=30), tick=False):
        assert queue.recover_stale_tasks() == 0  # within the lease: the worker may still be alive
    with time_machine.travel(oslo(dt.date(2026, 3, 13), 9, 3), tick=False):
        assert tasks.requeue_reminders() == 0  # its task is still there: nothing to add
        assert queue.recover_stale_tasks() == 1  # no heartbeat for a minute: the lease ran out
        assert queue.recover_stale_tasks() == 0
    run_worker_at(oslo(dt.date(2026, 3, 13), 9, 4))
    assert sent_kinds(scheduled) == ["week_before"]
    assert len(mail.outbox) == 1


class FailsOnce(EmailBackend):
    failures = 0

    def send_messages(self, messages):
        if FailsOnce.failures == 0:
            FailsOnce.failures += 1
            raise ConnectionRefusedError("SMTP is down")
        return super().send_messages(messages)


def test_a_failing_send_is_retried_later_from_the_outbox_and_sent_once_it_works(scheduled, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailsOnce"
    FailsOnce.failures = 0
    mail.outbox.clear()
    run_worker_at(oslo(dt.date(2026, 3, 13), 9, 0))
    reminder = scheduled.reminders.get(kind="week_before")
    assert reminder.sent_at is not None  # handed to the outbox, with its e-mails, in one transaction
    email = OutboxEmail.objects.get(source="agreements.reminder")
    assert email.status == EmailStatus.PENDING
    assert email.attempts == 1
    assert "SMTP is down" in email.last_error
    retry = DBTaskResult.objects.get(status="READY", args_kwargs__kwargs__email_id=str(email.pk))
    assert retry.run_after == oslo(dt.date(2026, 3, 13), 9, 1)

    run_worker_at(oslo(dt.date(2026, 3, 13), 9, 0) + dt.timedelta(seconds=30))
    assert mail.outbox == []
    run_worker_at(oslo(dt.date(2026, 3, 13), 9, 2))
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == f"<{email.pk}@{settings.MEKLE_MESSAGE_ID_DOMAIN}>"


def test_a_reminder_whose_e_mail_keeps_failing_gives_up_with_an_error(scheduled, settings, caplog):
    settings.EMAIL_BACKEND = f"{__name__}.FailsOnce"
    settings.MEKLE_EMAIL_MAX_ATTEMPTS = 1
    FailsOnce.failures = 0
    reminder = scheduled.reminders.get(kind="week_before")
    with time_machine.travel(oslo(dt.date(2026, 3, 13), 9, 0), tick=False):
        assert tasks.send_follow_up_reminder.call(reminder_id=reminder.pk) == "sent"
    assert OutboxEmail.objects.get(source="agreements.reminder").status == EmailStatus.FAILED
    assert "failed for good" in caplog.text


def test_a_reminder_of_a_closed_case_or_a_replaced_version_is_skipped(scheduled, case, mia):
    Case.objects.filter(pk=case.pk).update(status=Status.FULFILLED)
    run_worker_at(oslo(dt.date(2026, 3, 13), 9, 1))
    assert sent_kinds(scheduled) == []
    Case.objects.filter(pk=case.pk).update(status=Status.IN_FOLLOW_UP)
    approved_version(case, mediator=mia, fulfilment_date=FULFILMENT)  # version 2 replaces it
    run_worker_at(oslo(dt.date(2026, 3, 19), 9, 1))
    assert sent_kinds(scheduled) == []


def test_the_follow_up_task_twice_makes_no_second_set_of_reminders_or_documents(scheduled):
    with time_machine.travel(oslo(dt.date(2026, 2, 2)), tick=False):
        tasks.follow_up_approved_version.call(version_id=scheduled.pk)
    assert FollowUpReminder.objects.filter(version=scheduled).count() == 3
    assert scheduled.documents.filter(kind="agreement").count() == 2  # nb and nn: the parties' languages


def test_reminders_already_past_at_approval_are_not_made(case, mia):
    with time_machine.travel(oslo(dt.date(2026, 3, 17), 12), tick=False):
        version = approved_version(case, mediator=mia, fulfilment_date=FULFILMENT)
        tasks.follow_up_approved_version.call(version_id=version.pk)
    assert set(version.reminders.values_list("kind", flat=True)) == {"day_before", "on_the_day"}

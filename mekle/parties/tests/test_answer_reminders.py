"""A week after an invitation with no answer, the sweep reminds the person once, through the outbox;
never someone who withdrew, whose access was ended, whose case is paused or closed, or who has no
address. The sweep's queries do not grow with the people it finds."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mekle.dialogue import services as dialogue_services
from mekle.outbox.models import OutboxEmail
from mekle.parties import services, tasks
from mekle.parties.models import Party, PortalInvitation
from mekle.parties.participants import Participant
from mekle.parties.reminders import ANSWER_REMINDER, due_reminders
from mekle.testing.cast import assess_suitable, consent


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def invite(alice, party, guardian=None, *, email="", days_ago=8):
    person = guardian or party
    if email:
        person.email = email
        person.save()
    services.invite_to_portal(actor=alice, participant=Participant(party, guardian), send_email=False)
    PortalInvitation.objects.filter(party=party, guardian=guardian).update(
        created_at=F("created_at") - dt.timedelta(days=days_ago)
    )


def due_keys():
    return [reminder.key for reminder in due_reminders(timezone.now())]


def sweep_and_send():
    """The sweep enqueues; the worker runs the task it enqueued."""
    count = tasks.catch_up_answer_reminders()
    for result in DBTaskResult.objects.filter(task_path=tasks.send_answer_reminders.module_path):
        tasks.send_answer_reminders.call(**result.args_kwargs["kwargs"])
        result.delete()
    return count


@pytest.fixture
def invited(alice, ola, kari):
    invite(alice, ola, email="ola@example.no")
    invite(alice, kari, email="kari@example.no")
    return [ola, kari]


def test_a_week_without_an_answer_brings_one_neutral_reminder(invited, case, ola, kari, mailoutbox):
    assert sweep_and_send() == 2
    emails = list(OutboxEmail.objects.filter(source=ANSWER_REMINDER))
    assert sorted(email.key for email in emails) == sorted([f"{ola.pk}:-", f"{kari.pk}:-"])
    assert {email.status for email in emails} == {"sent"}
    assert sorted(m.to[0] for m in mailoutbox) == ["kari@example.no", "ola@example.no"]
    for email in mailoutbox:
        assert case.reference not in email.subject + email.body
        assert "Ola" not in email.body
        assert "Kari" not in email.body
        assert "http://127.0.0.1:8000/portal/" in email.body
    assert mailoutbox[0].subject == "Vi venter på svaret ditt"
    assert sweep_and_send() == 0  # sent once
    assert len(mailoutbox) == 2
    assert OutboxEmail.objects.filter(source=ANSWER_REMINDER).count() == 2


def test_the_reminder_is_in_the_persons_language(alice, ola):
    ola.preferred_language = "nn"
    ola.save()
    invite(alice, ola, email="ola@example.no")
    sweep_and_send()
    assert OutboxEmail.objects.get(source=ANSWER_REMINDER).subject == "Vi ventar på svaret ditt"


def test_a_task_waiting_is_not_enqueued_twice(invited):
    assert tasks.catch_up_answer_reminders() == 2
    assert tasks.catch_up_answer_reminders() == 0
    assert DBTaskResult.objects.filter(task_path=tasks.send_answer_reminders.module_path).count() == 1


def test_no_reminder_before_a_week(alice, ola):
    invite(alice, ola, email="ola@example.no", days_ago=6)
    assert due_keys() == []
    with time_machine.travel(timezone.now() + dt.timedelta(days=1, hours=1)):
        assert due_keys() == [f"{ola.pk}:-"]


def test_no_reminder_to_someone_who_said_yes(invited, alice, ola, kari):
    consent(alice, ola)
    assert due_keys() == [f"{kari.pk}:-"]


def test_no_reminder_to_anyone_once_someone_withdrew(invited, kari, kari_user):
    services.withdraw_consent(actor=kari_user, participant=Participant(kari))
    assert due_keys() == []


def test_no_reminder_to_someone_whose_portal_access_was_ended(invited, alice, ola, kari):
    services.end_portal_access(actor=alice, participant=Participant(ola))
    assert due_keys() == [f"{kari.pk}:-"]


def test_no_reminder_in_a_paused_case(invited, alice, case):
    dialogue_services.pause_thread(actor=alice, case=case, paused=True)
    assert due_keys() == []
    dialogue_services.pause_thread(actor=alice, case=case, paused=False)
    assert len(due_keys()) == 2


def test_no_reminder_in_a_closed_case(invited, alice, case):
    assess_suitable(alice, case, suitable=False, reason="Ikke egnet.")
    case.refresh_from_db()
    assert not case.is_open
    assert due_keys() == []


def test_no_reminder_to_someone_without_an_address(alice, ola, kari):
    invite(alice, ola)  # the link was given by SMS, and there is no address
    invite(alice, kari, email="kari@example.no")
    assert due_keys() == [f"{kari.pk}:-"]


def test_a_minors_guardian_is_reminded_as_themselves(alice, minor_case):
    minor = minor_case.parties.get(full_name="Emil Olsen")
    guardian = minor.guardians.get()
    invite(alice, minor, guardian, email="hanne@example.no")
    assert due_keys() == [f"{minor.pk}:{guardian.pk}"]
    consent(alice, minor)  # the minor's own yes is not the guardian's
    assert due_keys() == [f"{minor.pk}:{guardian.pk}"]
    consent(alice, minor, guardian)
    assert due_keys() == []


def test_the_task_checks_again_and_skips_who_answered_meanwhile(invited, alice, ola, kari):
    tasks.catch_up_answer_reminders()
    consent(alice, ola)
    (result,) = DBTaskResult.objects.filter(task_path=tasks.send_answer_reminders.module_path)
    assert tasks.send_answer_reminders.call(**result.args_kwargs["kwargs"]) == 1
    assert list(OutboxEmail.objects.filter(source=ANSWER_REMINDER).values_list("key", flat=True)) == [f"{kari.pk}:-"]


def test_the_sweeps_queries_do_not_grow_with_the_people_due(alice, case, ola, kari):
    invite(alice, ola, email="ola@example.no")
    with CaptureQueriesContext(connection) as one:
        assert tasks.catch_up_answer_reminders() == 1
    DBTaskResult.objects.all().delete()
    invite(alice, kari, email="kari@example.no")
    for n in range(3):
        party = Party.objects.create(case=case, full_name=f"Vitne {n}", role="other")
        invite(alice, party, email=f"v{n}@example.no")
    DBTaskResult.objects.all().delete()
    with CaptureQueriesContext(connection) as five:
        assert tasks.catch_up_answer_reminders() == 5
    assert len(five.captured_queries) == len(one.captured_queries)

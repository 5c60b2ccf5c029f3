"""The cancellation e-mail: who gets it, in which language, and only for a cancelled meeting."""

import datetime as dt

import pytest
from django.utils import timezone

from mekle.lib import clock
from mekle.mediators import services, tasks
from mekle.outbox.models import EmailStatus, OutboxEmail
from mekle.outbox.services import due_emails
from mekle.testing.cast import make_ready


@pytest.fixture
def meeting(minor_case, alice, mia):
    services.assign_mediator(actor=alice, case=minor_case, mediator=mia)
    make_ready(alice, minor_case)
    return services.schedule_meeting(
        actor=alice,
        case=minor_case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=3),
        location="Storgata 1",
    )


def test_parties_guardians_and_mediators_with_an_address_are_told_once_each(
    meeting, minor_case, mia, mailoutbox, django_capture_on_commit_callbacks
):
    per = minor_case.parties.get(full_name="Per Hansen")
    per.email, per.preferred_language = "felles@example.no", "other"
    per.save()
    emil = minor_case.parties.get(full_name="Emil Olsen")
    emil.preferred_language = "en"
    emil.save()
    emil.guardians.update(email="hanne@example.no")
    emil.guardians.create(full_name="Far Olsen", email="felles@example.no")  # the same address: one e-mail
    mia.email = "mia@konfliktraadet.example"
    mia.save()
    found = {(p.email, p.language) for p in tasks.participants(meeting)}
    assert found == {("felles@example.no", "nb"), ("hanne@example.no", "en"), ("mia@konfliktraadet.example", "nb")}
    assert tasks.send_meeting_cancellation.call(meeting_id=meeting.pk) == 0  # not cancelled: nothing sent
    with django_capture_on_commit_callbacks(execute=True):  # the worker takes the outbox's e-mails
        services.cancel_meeting(actor=None, meeting=meeting)
    assert len(mailoutbox) == 3
    english = next(m for m in mailoutbox if m.to == ["hanne@example.no"])
    assert english.subject == "A meeting is cancelled"
    assert "Storgata" not in english.body
    assert tasks.send_meeting_cancellation.call(meeting_id=0) == 0
    assert tasks.send_meeting_cancellation.call(meeting_id=meeting.pk) == 0  # run again: nobody told twice
    assert len(mailoutbox) == 3
    (calendar,) = english.attachments
    assert calendar[0] == "cancelled.ics"
    assert "METHOD:CANCEL" in calendar[1]
    assert english.extra_headers["Message-ID"].startswith("<")


def test_the_cancellation_e_mails_are_in_the_outbox_when_the_cancellation_commits(meeting, minor_case, mia, mailoutbox):
    """Written in the cancelling transaction: a process that dies right after the commit, before any
    task is queued, loses nothing (the sweep hands pending outbox e-mails to a worker)."""
    mia.email = "mia@konfliktraadet.example"
    mia.save()
    services.cancel_meeting(actor=None, meeting=meeting)  # no on-commit callback runs: no task was queued
    (email,) = OutboxEmail.objects.filter(source=tasks.CANCELLATION)
    assert email.to == ["mia@konfliktraadet.example"]
    assert email.status == EmailStatus.PENDING
    assert mailoutbox == []
    assert due_emails(clock.now()) == [email.pk]  # what the worker's sweep hands on

"""Taking a mediator off a case and cancelling a meeting, with a reason: what is recorded, who is
told, and what is refused without changing anything."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from mekle.cases.lifecycle import GuardError
from mekle.mediators import events as mediators_events
from mekle.mediators import services, tasks
from mekle.mediators.models import Assignment, MeetingStatus
from mekle.outbox.models import OutboxEmail
from mekle.testing.cast import make_ready


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def mia_with_email(mia):
    mia.email = "mia@konfliktraadet.example"
    mia.save()
    return mia


def last_event(case):
    return case.events.order_by("-sequence").first()


def test_taking_a_mediator_off_records_the_reason_for_staff(alice, case, mia_with_email):
    services.unassign_mediator(actor=alice, case=case, mediator=mia_with_email, reason="  Sykemeldt  ")
    event = last_event(case)
    assert event.kind == mediators_events.MEDIATOR_UNASSIGNED.name
    assert event.payload["reason"] == "Sykemeldt"
    assert "reason" in mediators_events.MEDIATOR_UNASSIGNED.personal_fields
    assert not Assignment.objects.filter(case=case, mediator=mia_with_email, ended_at__isnull=True).exists()


def test_the_mediator_taken_off_is_e_mailed_once_without_the_reason(alice, case, mia_with_email):
    services.unassign_mediator(actor=alice, case=case, mediator=mia_with_email, reason="Klage fra Kari")
    (email,) = OutboxEmail.objects.filter(source=tasks.TAKEN_OFF)
    assert email.to == ["mia@konfliktraadet.example"]
    assert case.reference in email.body
    assert "Klage" not in email.body
    assert "Kari" not in email.body
    assert tasks.queue_taken_off_email(last_event(case)) == []  # run again: nobody told twice


def test_a_mediator_who_declares_a_tie_is_not_e_mailed_about_their_own_step(case, mia_with_email, ola):
    services.declare_tie(actor=mia_with_email, mediator=mia_with_email, party=ola, description="Nabo")
    assert last_event(case).kind == mediators_events.MEDIATOR_UNASSIGNED.name
    assert not OutboxEmail.objects.filter(source=tasks.TAKEN_OFF).exists()


def test_a_mediator_not_on_the_case_is_refused_and_nothing_is_recorded(alice, case, mats):
    events = case.events.count()
    with pytest.raises(GuardError, match="is not on the case"):
        services.unassign_mediator(actor=alice, case=case, mediator=mats)
    assert case.events.count() == events
    assert not OutboxEmail.objects.exists()


def test_a_too_long_reason_is_refused_and_the_mediator_stays(alice, case, mia_with_email):
    with pytest.raises(GuardError, match="too long"):
        services.unassign_mediator(actor=alice, case=case, mediator=mia_with_email, reason="x" * 2001)
    assert Assignment.objects.filter(case=case, mediator=mia_with_email, ended_at__isnull=True).exists()
    assert not OutboxEmail.objects.exists()


@pytest.fixture
def meeting(case, alice):
    make_ready(alice, case)
    return services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=3),
        location="Rom 1",
    )


def test_a_cancelled_meeting_keeps_its_reason_and_tells_the_participants(alice, case, ola, meeting, mia_with_email):
    ola.email = "ola@example.no"
    ola.save()
    services.cancel_meeting(actor=alice, meeting=meeting, reason=" Mekleren er syk ")
    cancelled = case.events.get(kind=mediators_events.MEETING_CANCELLED.name)
    assert cancelled.payload == {"meeting_id": meeting.pk, "reason": "Mekleren er syk"}
    told = sorted(email.to[0] for email in OutboxEmail.objects.filter(source=tasks.CANCELLATION))
    assert told == ["mia@konfliktraadet.example", "ola@example.no"]
    assert all("syk" not in email.body for email in OutboxEmail.objects.all())


def test_a_too_long_cancellation_reason_changes_nothing(alice, case, meeting):
    events = case.events.count()
    with pytest.raises(GuardError, match="too long"):
        services.cancel_meeting(actor=alice, meeting=meeting, reason="x" * 2001)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED
    assert case.events.count() == events

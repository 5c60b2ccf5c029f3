"""A withdrawal cancels the case's meetings in its own transaction; every cancellation is e-mailed."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from mekle.cases.lifecycle import GuardError
from mekle.cases.models import CaseEvent, Status
from mekle.mediators import services
from mekle.mediators.calendar import meeting_uid
from mekle.mediators.models import MeetingStatus
from mekle.mediators.selectors import next_meetings_for, upcoming_meeting
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.testing.cast import make_ready


@pytest.fixture
def scheduled(case, alice, ola, kari, mia):
    ola.email, ola.preferred_language = "ola@example.no", "nn"
    ola.save()
    kari.email = "kari@example.no"
    kari.save()
    mia.email = "mia@konfliktraadet.example"
    mia.save()
    make_ready(alice, case)
    return services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=3),
        location="Storgata 1",
    )


def test_a_withdrawal_cancels_the_scheduled_meeting_before_the_case_closes(case, scheduled, kari, kari_user, mia):
    party_services.withdraw_consent(actor=kari_user, participant=Participant(kari))
    scheduled.refresh_from_db()
    assert scheduled.status == MeetingStatus.CANCELLED
    events = list(CaseEvent.objects.filter(case=case).order_by("sequence"))
    kinds = [e.kind for e in events]
    assert kinds[-3:] == ["consent_withdrawn", "meeting_cancelled", "status_changed"]
    cancelled = events[-2]
    assert cancelled.payload == {"meeting_id": scheduled.pk, "reason": "withdrawn"}
    assert cancelled.actor_id == kari_user.pk
    assert events[-1].payload["from_status"] == Status.MEETING_SCHEDULED
    assert upcoming_meeting(case) is None
    assert list(next_meetings_for(mia)) == []


def test_a_failed_withdrawal_leaves_the_meeting_scheduled(case, scheduled, kari, alice):
    other = case.parties.get(full_name="Ola Nordmann")
    with pytest.raises(GuardError):
        party_services.withdraw_consent(
            actor=alice, participant=Participant(kari, other.guardians.create(full_name="X"))
        )
    scheduled.refresh_from_db()
    assert scheduled.status == MeetingStatus.SCHEDULED


def test_every_participant_gets_a_neutral_cancellation_with_the_same_uid(
    case, scheduled, kari, kari_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        party_services.withdraw_consent(actor=kari_user, participant=Participant(kari))
    cancellations = {m.to[0]: m for m in mailoutbox if m.attachments}
    assert sorted(cancellations) == ["kari@example.no", "mia@konfliktraadet.example", "ola@example.no"]
    assert cancellations["ola@example.no"].subject == "Eit møte er avlyst"  # in Ola's nynorsk
    assert cancellations["kari@example.no"].subject == "Et møte er avlyst"
    for message in cancellations.values():
        assert case.reference not in message.subject + message.body
        assert "Kari" not in message.body
        assert "trakk" not in message.body  # never why
        (name, content, mimetype) = message.attachments[0]
        assert mimetype.startswith("text/calendar")
        calendar = Calendar.from_ical(content)
        assert str(calendar["method"]) == "CANCEL"
        event = calendar.walk("VEVENT")[0]
        assert str(event["uid"]) == meeting_uid(scheduled)
        assert str(event["status"]) == "CANCELLED"
        assert event.decoded("sequence") == 1
        assert case.reference not in str(event["summary"])


def test_a_meeting_staff_cancel_reaches_the_participants_too(
    scheduled, alice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_meeting(actor=alice, meeting=scheduled, reason="Sykdom")
    assert len([m for m in mailoutbox if m.attachments]) == 3
    assert all("Sykdom" not in m.body for m in mailoutbox)

"""The meeting's calendar file and its cancellation: same UID, the office as organiser, title "Meeting"."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from icalendar import Calendar

from mekle.mediators import calendar, services
from mekle.mediators.models import MeetingStatus
from mekle.testing.cast import make_ready


@pytest.fixture
def meeting(case, alice):
    make_ready(alice, case)
    return services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=3),
        location="Storgata 1",
        video_link="https://video.example/rom",
    )


def parse(data):
    parsed = Calendar.from_ical(data)
    return parsed, parsed.walk("VEVENT")[0]


def test_the_invitation_says_only_meeting_and_names_no_case(meeting, case):
    with translation.override("nb"):
        parsed, event = parse(calendar.meeting_ics(meeting))
    assert str(event["summary"]) == "Møte"
    assert case.reference not in calendar.meeting_ics(meeting).decode()
    assert str(parsed["method"]) == "PUBLISH"
    assert event.decoded("sequence") == 0
    assert str(event["location"]) == "Storgata 1"
    assert str(event["url"]) == "https://video.example/rom"
    with translation.override("en"):
        assert str(parse(calendar.meeting_ics(meeting))[1]["summary"]) == "Meeting"


def test_the_cancellation_has_the_same_uid_a_higher_sequence_and_the_office_as_organiser(meeting, office_a):
    office_a.email = "oslo@konfliktraadet.example"
    office_a.save()
    meeting.case.office = office_a
    _, invitation = parse(calendar.meeting_ics(meeting))
    services.cancel_meeting(actor=None, meeting=meeting)
    assert meeting.status == MeetingStatus.CANCELLED
    parsed, cancellation = parse(calendar.meeting_ics(meeting))
    assert str(parsed["method"]) == "CANCEL"
    assert str(cancellation["status"]) == "CANCELLED"
    assert str(cancellation["uid"]) == str(invitation["uid"])
    assert cancellation.decoded("sequence") > invitation.decoded("sequence")
    assert str(cancellation["organizer"]) == "mailto:oslo@konfliktraadet.example"
    assert "location" not in cancellation


def test_without_an_office_address_the_organiser_is_the_sender_address(meeting, settings):
    settings.DEFAULT_FROM_EMAIL = "Mekle <ikke-svar@mekle.example>"
    _, event = parse(calendar.meeting_ics(meeting))
    assert str(event["organizer"]) == "mailto:ikke-svar@mekle.example"

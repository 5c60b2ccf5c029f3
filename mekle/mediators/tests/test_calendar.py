"""The meeting's calendar file: the same UID through moves and the cancellation, each with a higher
SEQUENCE; the office as organiser; the street address; a reminder the day before; title "Meeting"."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from icalendar import Calendar

from mekle.mediators import calendar, services
from mekle.mediators.models import Meeting, MeetingStatus
from mekle.testing.cast import make_ready


@pytest.fixture
def meeting(case, alice):
    make_ready(alice, case)
    return services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=(timezone.now() + dt.timedelta(days=3)).replace(second=0, microsecond=0),
        duration_minutes=90,
        location="Konfliktrådet, møterom 2",
        street_address="Storgata 1",
        postcode="0155",
        post_town="Oslo",
        directions="Tredje etasje, heis fra bakgården.",
        video_link="https://video.example/rom",
    )


def parse(data):
    parsed = Calendar.from_ical(data)
    return parsed, parsed.walk("VEVENT")[0]


def fresh(meeting):
    """The meeting as another process reads it: from the table."""
    return Meeting.objects.select_related("case__office").get(pk=meeting.pk)


def test_the_invitation_says_only_meeting_and_names_no_case(meeting, case):
    with translation.override("nb"):
        parsed, event = parse(calendar.meeting_ics(meeting))
    assert str(event["summary"]) == "Møte"
    assert case.reference not in calendar.meeting_ics(meeting).decode()
    assert str(parsed["method"]) == "PUBLISH"
    assert event.decoded("sequence") == 0
    assert str(event["url"]) == "https://video.example/rom"
    with translation.override("en"):
        assert str(parse(calendar.meeting_ics(meeting))[1]["summary"]) == "Meeting"


def test_the_invitation_carries_the_address_the_directions_and_the_end(meeting):
    with translation.override("nb"):
        _, event = parse(calendar.meeting_ics(meeting))
    assert str(event["location"]) == "Konfliktrådet, møterom 2, Storgata 1, 0155 Oslo"
    description = str(event["description"])
    assert "Tredje etasje, heis fra bakgården." in description
    assert "https://www.openstreetmap.org/search?query=Storgata+1%2C+0155+Oslo" in description
    assert "https://video.example/rom" in description
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(minutes=90)
    assert event.decoded("dtstart") == meeting.starts_at


def test_the_office_is_the_organiser_by_name_and_address(meeting, office_a):
    office_a.email = "oslo@konfliktraadet.example"
    office_a.save()
    _, event = parse(calendar.meeting_ics(fresh(meeting)))
    assert str(event["organizer"]) == "mailto:oslo@konfliktraadet.example"
    assert str(event["organizer"].params["cn"]) == office_a.name


def test_a_reminder_goes_off_the_day_before(meeting):
    with translation.override("nb"):
        _, event = parse(calendar.meeting_ics(meeting))
    (alarm,) = event.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger") == -dt.timedelta(days=1)
    assert "TRIGGER:-P1D" in alarm.to_ical().decode()
    assert str(alarm["description"]).strip()


def test_a_moved_meeting_keeps_its_uid_with_a_higher_sequence(meeting, alice):
    _, invitation = parse(calendar.meeting_ics(meeting))
    later = meeting.starts_at + dt.timedelta(days=2)
    services.move_meeting(
        actor=alice,
        meeting=meeting,
        starts_at=later,
        duration_minutes=60,
        street_address="Torggata 5",
        postcode="0181",
        post_town="Oslo",
    )
    parsed, moved = parse(calendar.meeting_ics(fresh(meeting)))
    assert str(parsed["method"]) == "PUBLISH"
    assert str(moved["uid"]) == str(invitation["uid"])
    assert moved.decoded("sequence") == invitation.decoded("sequence") + 1
    assert moved.decoded("dtstart") == later
    assert moved.decoded("dtend") == later + dt.timedelta(minutes=60)
    assert str(moved["location"]) == "Torggata 5, 0181 Oslo"
    assert "url" not in moved


def test_the_cancellation_has_the_same_uid_and_a_higher_sequence_than_the_last_move(meeting, alice):
    _, invitation = parse(calendar.meeting_ics(meeting))
    services.move_meeting(
        actor=alice,
        meeting=fresh(meeting),  # another request's copy: the sequence is read from the table
        starts_at=meeting.starts_at + dt.timedelta(hours=1),
        duration_minutes=120,
        video_link="https://video.example/rom",
    )
    _, moved = parse(calendar.meeting_ics(fresh(meeting)))
    services.cancel_meeting(actor=None, meeting=meeting)  # the stale copy still gets the next number
    assert meeting.status == MeetingStatus.CANCELLED
    parsed, cancellation = parse(calendar.meeting_ics(fresh(meeting)))
    assert str(parsed["method"]) == "CANCEL"
    assert str(cancellation["status"]) == "CANCELLED"
    assert str(cancellation["uid"]) == str(invitation["uid"])
    assert invitation.decoded("sequence") < moved.decoded("sequence") < cancellation.decoded("sequence")
    assert "location" not in cancellation
    assert not cancellation.walk("VALARM")


def test_without_an_office_address_the_organiser_is_the_sender_address(meeting, settings):
    settings.DEFAULT_FROM_EMAIL = "Mekle <ikke-svar@mekle.example>"
    _, event = parse(calendar.meeting_ics(meeting))
    assert str(event["organizer"]) == "mailto:ikke-svar@mekle.example"


def test_a_video_meeting_has_the_link_as_its_place(case, alice):
    make_ready(alice, case)
    meeting = services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=3),
        video_link="https://video.example/rom",
    )
    _, event = parse(calendar.meeting_ics(meeting))
    assert str(event["location"]) == "https://video.example/rom"

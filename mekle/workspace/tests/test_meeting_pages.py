"""Scheduling and moving a meeting through the staff pages: where (an address or a video link),
when (start and end), and bad input shown on the form with nothing changed."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mekle.cases.models import CaseEvent, Status
from mekle.mediators import services as mediator_services
from mekle.mediators.models import Meeting, MeetingStatus
from mekle.testing.cast import make_ready


@pytest.fixture
def signed_in(client, alice):
    client.force_login(alice)
    client.cookies["django_language"] = "nb"
    return client


def url(name, case, *args):
    return reverse(f"workspace:{name}", args=[case.reference, *args])


def when(days=3, hour="10:00"):
    return {"date": (timezone.localdate() + dt.timedelta(days=days)).isoformat(), "time": hour}


ADDRESS = {
    "location": "Konfliktrådet, møterom 2",
    "street_address": "Storgata 1",
    "postcode": "0155",
    "post_town": "Oslo",
    "directions": "Tredje etasje. Heis fra bakgården.",
}


def schedule_data(**overrides):
    return {"meeting_type": "mediation", "duration_minutes": "120", "attendance": "in_person", **when(), **overrides}


@pytest.fixture
def ready(alice, case):
    make_ready(alice, case)
    return case


@pytest.fixture
def meeting(alice, ready):
    starts = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=3), dt.time(10)))
    return mediator_services.schedule_meeting(
        actor=alice, case=ready, meeting_type="mediation", starts_at=starts, duration_minutes=120, **ADDRESS
    )


def test_the_form_asks_how_and_where_with_norwegian_labels(signed_in, ready):
    page = signed_in.get(url("schedule_meeting", ready)).content.decode()
    for label in ("Hvordan skal dere møtes?", "Gateadresse", "Postnummer", "Poststed", "Slik finner du fram"):
        assert label in page
    assert 'autocomplete="postal-code"' in page


def test_an_in_person_meeting_is_scheduled_with_its_address_and_directions(signed_in, ready):
    data = schedule_data(**ADDRESS, video_link="https://video.example/rom")
    assert signed_in.post(url("schedule_meeting", ready), data).status_code == 302
    meeting = Meeting.objects.get(case=ready)
    assert (meeting.address, meeting.directions, meeting.location) == (
        "Storgata 1, 0155 Oslo",
        "Tredje etasje. Heis fra bakgården.",
        "Konfliktrådet, møterom 2",
    )
    assert meeting.video_link == ""  # in person only: a link typed in by the way is not kept


def test_a_video_meeting_keeps_the_link_and_no_address(signed_in, ready):
    data = schedule_data(attendance="video", video_link="https://video.example/rom", **ADDRESS)
    assert signed_in.post(url("schedule_meeting", ready), data).status_code == 302
    meeting = Meeting.objects.get(case=ready)
    assert (meeting.video_link, meeting.address, meeting.directions) == ("https://video.example/rom", "", "")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (schedule_data(), "street_address", "Oppgi gateadressen til møtet."),
        (schedule_data(street_address="Storgata 1", post_town="Oslo"), "postcode", "Oppgi postnummeret."),
        (
            schedule_data(street_address="Storgata 1", postcode="155", post_town="Oslo"),
            "postcode",
            "Et postnummer har fire sifre, for eksempel 0155.",
        ),
        (schedule_data(attendance="video"), "video_link", "Oppgi lenken til videomøtet."),
        (schedule_data(attendance="both", **ADDRESS), "video_link", "Oppgi lenken til videomøtet."),
    ],
)
def test_bad_input_is_shown_on_its_field_and_changes_nothing(signed_in, ready, data, field, message):
    events = CaseEvent.objects.filter(case=ready).count()
    response = signed_in.post(url("schedule_meeting", ready), data)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert message in response.content.decode()
    assert not Meeting.objects.exists()
    assert CaseEvent.objects.filter(case=ready).count() == events


def test_the_staff_case_page_shows_the_end_time_the_place_and_a_way_to_move_it(signed_in, meeting, ready):
    page = signed_in.get(url("case_page", ready)).content.decode()
    assert "kl. 10.00–12.00" in page
    assert "Storgata 1, 0155 Oslo" in page
    assert "Tredje etasje. Heis fra bakgården." in page
    assert 'href="https://www.openstreetmap.org/search?query=Storgata+1%2C+0155+Oslo"' in page
    assert "<iframe" not in page
    assert "openstreetmap.org/export" not in page
    assert url("move_meeting", ready, meeting.pk) in page


def test_moving_the_meeting_starts_from_it_and_moves_it(signed_in, meeting, ready):
    form = signed_in.get(url("move_meeting", ready, meeting.pk)).context["form"]
    assert form.initial["street_address"] == "Storgata 1"
    assert form.initial["attendance"] == "in_person"
    assert form.initial["time"] == dt.time(10)
    data = {"duration_minutes": "90", "attendance": "in_person", **when(days=5, hour="13:00"), **ADDRESS}
    response = signed_in.post(url("move_meeting", ready, meeting.pk), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.starts_at).time() == dt.time(13)
    assert (meeting.duration_minutes, meeting.sequence, meeting.status) == (90, 1, MeetingStatus.SCHEDULED)
    assert CaseEvent.objects.filter(case=ready, kind="meeting_moved").count() == 1
    page = signed_in.get(url("case_page", ready)).content.decode()
    assert "kl. 13.00–14.30" in page
    ready.refresh_from_db()
    assert ready.status == Status.MEETING_SCHEDULED


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"street_address": ""}, "street_address"),
        ({"date": "2000-01-01"}, "date"),
    ],
)
def test_a_bad_move_is_shown_and_changes_nothing(signed_in, meeting, ready, overrides, field):
    data = {"duration_minutes": "90", "attendance": "in_person", **when(days=5), **ADDRESS, **overrides}
    response = signed_in.post(url("move_meeting", ready, meeting.pk), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.starts_at, stored.sequence, stored.street_address) == (meeting.starts_at, 0, "Storgata 1")


def test_a_move_that_changes_nothing_says_so(signed_in, meeting, ready):
    data = {"duration_minutes": "120", "attendance": "in_person", **when(), **ADDRESS}
    response = signed_in.post(url("move_meeting", ready, meeting.pk), data)
    assert response.status_code == 400
    assert "Ingenting er endret: oppgi et nytt tidspunkt eller sted." in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).sequence == 0


def test_a_cancelled_meeting_has_no_move_link_and_cannot_be_moved(signed_in, meeting, ready, alice):
    mediator_services.cancel_meeting(actor=alice, meeting=meeting)
    assert url("move_meeting", ready, meeting.pk) not in signed_in.get(url("case_page", ready)).content.decode()
    data = {"duration_minutes": "90", "attendance": "in_person", **when(days=5), **ADDRESS}
    response = signed_in.post(url("move_meeting", ready, meeting.pk), data)
    assert response.status_code == 400
    assert "Bare et planlagt møte kan flyttes." in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CANCELLED


def test_a_meeting_of_another_case_is_not_found(signed_in, meeting, other_case):
    assert signed_in.get(url("move_meeting", other_case, meeting.pk)).status_code == 404


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_move_page_and_the_case_page_read_as_many_queries_after_many_moves(signed_in, meeting, ready, alice):
    move_page, case_page = url("move_meeting", ready, meeting.pk), url("case_page", ready)
    signed_in.get(case_page)  # warm the per-process caches (the rendered timeline)
    before = queries_for(signed_in, move_page), queries_for(signed_in, case_page)
    for days in range(4, 10):
        mediator_services.move_meeting(
            actor=alice,
            meeting=meeting,
            starts_at=meeting.starts_at + dt.timedelta(days=1),
            duration_minutes=60 + days,
            **ADDRESS,
        )
    signed_in.get(case_page)  # the timeline is read again once it has new events, then kept
    assert (queries_for(signed_in, move_page), queries_for(signed_in, case_page)) == before

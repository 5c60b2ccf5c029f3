"""Mediator services: assignment rules, ties, and meetings through the lifecycle."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone, translation

from mekle.accounts.models import Role
from mekle.cases.lifecycle import GuardError
from mekle.cases.models import Case, CaseEvent, Status
from mekle.mediators import services
from mekle.mediators.models import Assignment, Meeting, MeetingStatus
from mekle.mediators.selectors import next_meetings_for
from mekle.testing.cast import assess_suitable, make_ready, make_user


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_a_mediator_with_a_declared_tie_cannot_be_assigned(case, alice, mats):
    kari = case.parties.get(full_name="Kari Nordmann")
    services.declare_tie(actor=alice, mediator=mats, party=kari, description="Nabo")
    with pytest.raises(GuardError, match="Mats Moe has declared a tie to Kari Nordmann"):
        services.assign_mediator(actor=alice, case=case, mediator=mats)
    assert not Assignment.objects.filter(case=case, mediator=mats).exists()


def test_declaring_a_tie_takes_an_assigned_mediator_off_the_case(case, alice, mia):
    ola = case.parties.get(full_name="Ola Nordmann")
    services.declare_tie(actor=mia, mediator=mia, party=ola, description="Tidligere kollega")
    assert not Assignment.objects.filter(case=case, mediator=mia, ended_at__isnull=True).exists()
    kinds = list(CaseEvent.objects.filter(case=case).order_by("sequence").values_list("kind", flat=True))
    assert kinds[-2:] == ["tie_declared", "mediator_unassigned"]


def test_at_most_two_mediators(case, alice, mats, office_a):
    services.assign_mediator(actor=alice, case=case, mediator=mats)
    third = make_user("marte", office=office_a, role=Role.MEDIATOR)
    with pytest.raises(GuardError, match="at most two"):
        services.assign_mediator(actor=alice, case=case, mediator=third)


def test_only_a_mediator_of_the_cases_office_can_be_assigned(case, alice, bob, office_b):
    bergen_mediator = make_user("berit", office=office_b, role=Role.MEDIATOR)
    for not_eligible in (bergen_mediator, bob):
        with pytest.raises(GuardError, match="not a mediator at this office"):
            services.assign_mediator(actor=alice, case=case, mediator=not_eligible)


def test_the_same_mediator_twice_is_refused(case, alice, mia):
    with pytest.raises(GuardError, match="already assigned"):
        services.assign_mediator(actor=alice, case=case, mediator=mia)


def test_a_meeting_before_consent_and_preparation_is_refused_in_plain_words(case, alice):

    assess_suitable(alice, case, reason="OK")
    with pytest.raises(GuardError) as refusal:
        services.schedule_meeting(
            actor=alice,
            case=case,
            meeting_type="mediation",
            starts_at=timezone.now() + dt.timedelta(days=3),
            location="Rom 1",
        )
    assert refusal.value.reasons == [
        "Ola Nordmann has not consented yet.",
        "Kari Nordmann has not consented yet.",
        "Ola Nordmann has not had a preparatory talk yet.",
        "Kari Nordmann has not had a preparatory talk yet.",
    ]
    assert not Meeting.objects.exists()
    assert Case.objects.get(pk=case.pk).status == Status.PREPARING


def schedule(alice, case, days=3):
    return services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=days),
        location="Rom 1",
    )


def test_a_meeting_with_an_agreement_leaves_the_case_held_while_the_agreement_is_written(case, alice, mia):
    make_ready(alice, case)
    meeting = schedule(alice, case)
    assert list(next_meetings_for(mia)) == [meeting]
    with pytest.raises(GuardError, match="not started"):
        services.record_meeting_result(actor=mia, meeting=meeting, result="agreement", agreement_summary="Ny hekk.")
    with time_machine.travel(meeting.starts_at + dt.timedelta(hours=2)):
        services.record_meeting_result(actor=mia, meeting=meeting, result="agreement", agreement_summary="Ny hekk.")
    case.refresh_from_db()
    meeting.refresh_from_db()
    assert (case.status, meeting.status, meeting.agreement_summary) == (
        Status.MEETING_HELD,
        MeetingStatus.HELD,
        "Ny hekk.",
    )


def test_a_meeting_without_agreement_closes_the_case(case, alice, mia):
    make_ready(alice, case)
    meeting = schedule(alice, case)
    with time_machine.travel(meeting.starts_at + dt.timedelta(hours=2)):
        services.record_meeting_result(actor=mia, meeting=meeting, result="no_agreement", agreement_summary="ignored")
    case.refresh_from_db()
    meeting.refresh_from_db()
    assert case.status == Status.NO_AGREEMENT
    assert meeting.agreement_summary == ""


def test_an_agreement_needs_its_words(case, alice):
    make_ready(alice, case)
    meeting = schedule(alice, case)
    with time_machine.travel(meeting.starts_at + dt.timedelta(hours=2)), pytest.raises(GuardError, match="agreed"):
        services.record_meeting_result(actor=alice, meeting=meeting, result="agreement", agreement_summary=" ")


def test_cancelling_a_meeting_returns_to_preparation(case, alice, mia):
    make_ready(alice, case)
    meeting = schedule(alice, case)
    services.cancel_meeting(actor=alice, meeting=meeting)
    case.refresh_from_db()
    assert case.status == Status.PREPARING
    assert list(next_meetings_for(mia)) == []
    with pytest.raises(GuardError):
        services.cancel_meeting(actor=alice, meeting=meeting)


def test_a_meeting_needs_a_place_or_video_and_a_future_time(case, alice):
    make_ready(alice, case)
    with pytest.raises(GuardError, match="an address or a video link"):
        services.schedule_meeting(
            actor=alice, case=case, meeting_type="mediation", starts_at=timezone.now() + dt.timedelta(days=1)
        )
    with pytest.raises(GuardError, match="future"):
        services.schedule_meeting(
            actor=alice,
            case=case,
            meeting_type="mediation",
            starts_at=timezone.now() - dt.timedelta(days=1),
            location="Rom 1",
        )


# --- the meeting's place, and moving it ----------------------------------------------------------


def test_a_meeting_in_person_keeps_its_address_and_directions(case, alice):
    make_ready(alice, case)
    meeting = services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=3),
        street_address=" Storgata 1 ",
        postcode="0155",
        post_town="Oslo",
        directions="Inngang fra bakgården, trinnfri.",
    )
    meeting.refresh_from_db()
    assert (meeting.address, meeting.directions, meeting.sequence) == (
        "Storgata 1, 0155 Oslo",
        "Inngang fra bakgården, trinnfri.",
        0,
    )
    assert meeting.map_url == "https://www.openstreetmap.org/search?query=Storgata+1%2C+0155+Oslo"


@pytest.mark.parametrize(
    ("place", "reason"),
    [
        ({}, "Give an address or a video link for the meeting."),
        ({"street_address": "Storgata 1"}, "Give the street address, postcode and post town of the meeting."),
        (
            {"street_address": "Storgata 1", "postcode": "155", "post_town": "Oslo"},
            "A postcode is four digits, for example 0155.",
        ),
    ],
)
def test_a_meeting_without_a_whole_address_or_a_link_is_refused_and_nothing_changes(case, alice, place, reason):
    make_ready(alice, case)
    events_before = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(GuardError) as refusal:
        services.schedule_meeting(
            actor=alice, case=case, meeting_type="mediation", starts_at=timezone.now() + dt.timedelta(days=3), **place
        )
    assert reason in refusal.value.reasons
    assert not Meeting.objects.exists()
    assert CaseEvent.objects.filter(case=case).count() == events_before
    assert Case.objects.get(pk=case.pk).status == Status.PREPARING


def test_moving_a_meeting_changes_its_time_and_place_and_records_it(case, alice):
    make_ready(alice, case)
    meeting = schedule(alice, case)
    later = meeting.starts_at + dt.timedelta(days=1)
    services.move_meeting(
        actor=alice, meeting=meeting, starts_at=later, duration_minutes=60, video_link="https://video.example/a"
    )
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.duration_minutes, meeting.location, meeting.video_link, meeting.sequence) == (
        later,
        60,
        "",
        "https://video.example/a",
        1,
    )
    moved = CaseEvent.objects.filter(case=case).order_by("sequence").last()
    assert moved is not None
    assert moved.kind == "meeting_moved"
    assert moved.payload["starts_at"] == later.isoformat()
    assert Case.objects.get(pk=case.pk).status == Status.MEETING_SCHEDULED


def test_the_case_facts_follow_a_moved_meeting(case, alice):
    from mekle.cases import events as cases_events
    from mekle.cases.lifecycle import fold_facts
    from mekle.cases.selectors import case_timeline

    make_ready(alice, case)
    meeting = schedule(alice, case)
    later = meeting.starts_at + dt.timedelta(days=1)
    services.move_meeting(actor=alice, meeting=meeting, starts_at=later, duration_minutes=120, location="Rom 2")
    facts = fold_facts(case_timeline(case), kinds=cases_events.EVENT_KINDS)
    assert facts.meetings[meeting.pk].starts_at == later.isoformat()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({}, "Nothing is changed"),
        ({"location": "", "video_link": ""}, "Give an address or a video link"),
        ({"days": -10}, "must start in the future"),
    ],
)
def test_a_move_that_changes_nothing_or_is_bad_is_refused_and_changes_nothing(case, alice, change, reason):
    make_ready(alice, case)
    meeting = schedule(alice, case)
    place = {"location": "Rom 1", **{k: v for k, v in change.items() if k != "days"}}
    starts_at = meeting.starts_at + dt.timedelta(days=change.get("days", 0))
    with pytest.raises(GuardError, match=reason):
        services.move_meeting(actor=alice, meeting=meeting, starts_at=starts_at, duration_minutes=120, **place)
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.starts_at, stored.location, stored.sequence) == (meeting.starts_at, "Rom 1", 0)
    assert not CaseEvent.objects.filter(case=case, kind="meeting_moved").exists()


def test_a_cancelled_meeting_cannot_be_moved(case, alice):
    make_ready(alice, case)
    meeting = schedule(alice, case)
    services.cancel_meeting(actor=alice, meeting=meeting)
    with pytest.raises(GuardError, match="Only a scheduled meeting can be moved"):
        services.move_meeting(
            actor=alice,
            meeting=Meeting.objects.get(pk=meeting.pk),
            starts_at=meeting.starts_at + dt.timedelta(days=1),
            duration_minutes=120,
            location="Rom 1",
        )
    assert Meeting.objects.get(pk=meeting.pk).sequence == 1


def test_a_withdrawal_cancels_the_meeting_one_calendar_revision_up(case, alice):
    make_ready(alice, case)
    meeting = schedule(alice, case)
    services.cancel_meetings_on_withdrawal(case=case, actor=alice)
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.status, stored.sequence) == (MeetingStatus.CANCELLED, 1)

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
    with pytest.raises(GuardError, match="place or a video link"):
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

"""Parties services: referral, consent, withdrawal from every open state, preparation."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from mekle.cases import services as case_services
from mekle.cases.lifecycle import GuardError
from mekle.cases.models import OPEN_STATUSES, Case, CaseEvent, CaseType, ReferrerKind, Status
from mekle.mediators import services as mediator_services
from mekle.parties import services
from mekle.parties.models import Consent, Preparation, Withdrawal
from mekle.parties.participants import Participant
from mekle.testing.cast import adult, assess_suitable, consent, kinds, make_ready, prepare


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_referral_registers_case_parties_and_guardians_in_one_go(minor_case):
    assert minor_case.status == Status.RECEIVED
    assert minor_case.reference.startswith("OSL-")
    emil = minor_case.parties.get(full_name="Emil Olsen")
    assert [g.full_name for g in emil.guardians.all()] == ["Hanne Olsen"]
    assert kinds(minor_case) == ["case_opened", "party_added", "party_added", "guardian_added"]
    added = CaseEvent.objects.get(case=minor_case, kind="party_added", payload__name="Emil Olsen")
    assert added.payload["minor"] is True


def test_referral_without_parties_creates_nothing(alice, office_a):
    with pytest.raises(GuardError, match="at least one party"):
        services.register_referral(
            actor=alice, office=office_a, case_type=CaseType.CIVIL, referrer_kind=ReferrerKind.PARTY, parties=[]
        )
    assert not Case.objects.exists()


def test_consent_is_recorded_with_what_the_person_was_told(case, alice):
    ola = case.parties.get(full_name="Ola Nordmann")
    given = consent(alice, ola)
    assert (given.method, given.recorded_by, given.information_given) == (
        "phone",
        alice,
        "Frivillig, gratis, kan trekke seg.",
    )
    event = CaseEvent.objects.filter(case=case).latest("sequence")
    assert (event.kind, event.payload["party_id"], event.payload["guardian_id"]) == ("consent_given", ola.pk, None)


def test_consent_twice_is_refused(case, alice):
    ola = case.parties.get(full_name="Ola Nordmann")
    consent(alice, ola)
    with pytest.raises(GuardError, match="Ola Nordmann has already consented"):
        consent(alice, ola)
    assert Consent.objects.filter(party=ola).count() == 1


def test_consent_cannot_be_dated_in_the_future(case, alice):
    ola = case.parties.get(full_name="Ola Nordmann")
    with pytest.raises(GuardError, match="future"):
        services.record_consent(
            actor=alice,
            participant=Participant(ola),
            given_on=timezone.localdate() + dt.timedelta(days=1),
            method="phone",
            information_given="x",
        )
    assert not Consent.objects.exists()


def test_a_guardian_of_another_party_cannot_consent_for_this_one(minor_case, alice):
    per = minor_case.parties.get(full_name="Per Hansen")
    hanne = minor_case.parties.get(full_name="Emil Olsen").guardians.get()
    with pytest.raises(GuardError, match="does not belong"):
        consent(alice, per, hanne)


def test_a_minors_case_needs_the_guardians_consent_before_a_meeting(minor_case, alice, mia):
    mediator_services.assign_mediator(actor=alice, case=minor_case, mediator=mia)
    assess_suitable(alice, minor_case, reason="OK")
    for party in minor_case.parties.all():
        consent(alice, party)
        prepare(alice, party)
    starts = timezone.now() + dt.timedelta(days=7)
    with pytest.raises(GuardError) as refusal:
        mediator_services.schedule_meeting(
            actor=alice, case=minor_case, meeting_type="mediation", starts_at=starts, location="Kontoret"
        )
    assert refusal.value.reasons == ["Hanne Olsen, guardian of Emil Olsen, has not consented yet."]
    emil = minor_case.parties.get(full_name="Emil Olsen")
    consent(alice, emil, emil.guardians.get())
    mediator_services.schedule_meeting(
        actor=alice, case=minor_case, meeting_type="mediation", starts_at=starts, location="Kontoret"
    )
    assert Case.objects.get(pk=minor_case.pk).status == Status.MEETING_SCHEDULED


def drive_to(status, case, alice):
    """Move `case` (with mia assigned) forward to `status` through the services."""
    if status == Status.RECEIVED:
        return
    case_services.start_assessment(actor=alice, case=case)
    if status == Status.ASSESSING:
        return
    make_ready(alice, case)
    if status == Status.PREPARING:
        return
    meeting = mediator_services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(minutes=5),
        location="Kontoret",
    )
    if status == Status.MEETING_SCHEDULED:
        return
    import time_machine

    with time_machine.travel(timezone.now() + dt.timedelta(hours=1)):
        mediator_services.record_meeting_result(
            actor=alice, meeting=meeting, result="agreement", agreement_summary="Unnskyldning."
        )
    if status == Status.MEETING_HELD:
        return
    from mekle.mediators.models import Assignment
    from mekle.testing.agreements import approve_agreement

    mediator = Assignment.objects.get(case=case, ended_at__isnull=True).mediator
    approve_agreement(alice, mediator, case)
    assert status == Status.IN_FOLLOW_UP


@pytest.mark.parametrize("status", sorted(OPEN_STATUSES))
def test_withdrawal_closes_the_case_from_every_open_state(status, case, alice):
    drive_to(status, case, alice)
    assert Case.objects.get(pk=case.pk).status == status
    kari = case.parties.get(full_name="Kari Nordmann")
    services.withdraw_consent(actor=alice, participant=Participant(kari), reason="")
    case.refresh_from_db()
    assert case.status == Status.WITHDRAWN
    assert case.closed_at is not None
    # A scheduled meeting is cancelled in between, before the case closes.
    cancelled = ["meeting_cancelled"] if status == Status.MEETING_SCHEDULED else []
    expected = ["consent_withdrawn", *cancelled, "status_changed"]
    assert kinds(case)[-len(expected) :] == expected
    assert Withdrawal.objects.get(party=kari).reason == ""
    assert not Consent.objects.filter(party=kari, withdrawn_at__isnull=True).exists()


def test_withdrawal_on_a_closed_case_is_refused_and_changes_nothing(case, alice):
    ola = case.parties.get(full_name="Ola Nordmann")
    services.withdraw_consent(actor=alice, participant=Participant(ola))
    events = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(GuardError, match="closed"):
        services.withdraw_consent(actor=alice, participant=Participant(ola))
    assert CaseEvent.objects.filter(case=case).count() == events
    assert Withdrawal.objects.count() == 1


def test_preparation_notes_stay_in_the_row_not_in_the_timeline(case, alice):
    ola = case.parties.get(full_name="Ola Nordmann")
    prepare(alice, ola)
    assert Preparation.objects.get(party=ola).notes == "Hemmelig notat"
    event = CaseEvent.objects.filter(case=case).latest("sequence")
    assert event.kind == "preparation_held"
    assert event.visibility == "staff"
    assert "Hemmelig" not in str(event.payload)


def test_a_talk_cannot_be_recorded_before_it_is_held(case, alice):
    ola = case.parties.get(full_name="Ola Nordmann")
    with pytest.raises(GuardError):
        services.record_preparation(
            actor=alice, party=ola, held_on=timezone.localdate() + dt.timedelta(days=2), form="video"
        )
    assert not Preparation.objects.exists()


def test_adding_a_party_to_a_closed_case_is_refused(case, alice):
    services.withdraw_consent(actor=alice, participant=Participant(case.parties.first()))
    with pytest.raises(GuardError):
        services.add_party(actor=alice, case=case, data=adult("Nils Nilsen"))
    assert case.parties.count() == 2

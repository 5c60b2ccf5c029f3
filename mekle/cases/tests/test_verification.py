"""The state tables recomputed from the events: every row an event determines, and each difference named."""

import datetime as dt

import pytest
from django.utils import timezone

from mekle.cases.models import Case
from mekle.cases.verification import Finding, verify_case
from mekle.mediators import services as mediator_services
from mekle.mediators.models import Assignment, Meeting
from mekle.parties import services as party_services
from mekle.parties.models import Consent, Guardian, Party, Preparation
from mekle.parties.participants import Participant
from mekle.testing.cast import make_ready


def differences(case):
    case.refresh_from_db()
    findings = verify_case(case)
    assert all(f.tampering == "state table edited" for f in findings)
    return [f.detail for f in findings]


@pytest.fixture
def scheduled(minor_case, alice, mia):
    mediator_services.assign_mediator(actor=alice, case=minor_case, mediator=mia)
    make_ready(alice, minor_case)
    return mediator_services.schedule_meeting(
        actor=alice,
        case=minor_case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=3),
        location="Storgata 1",
    )


def test_a_case_taken_to_its_meeting_agrees_with_its_events(scheduled, minor_case):
    assert differences(minor_case) == []


def test_every_consent_preparation_guardian_and_meeting_row_is_compared(scheduled, minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    per = minor_case.parties.get(full_name="Per Hansen")
    guardian = emil.guardians.get()
    Consent.objects.filter(party=emil, guardian=guardian).update(withdrawn_at=timezone.now())
    Preparation.objects.filter(party=per).delete()
    Meeting.objects.filter(pk=scheduled.pk).update(status="held")
    assert differences(minor_case) == [
        f"party #{per.pk}'s preparatory talk is absent in the table; the events say given",
        f"guardian #{guardian.pk}'s consent is absent in the table; the events say given",
        f"meeting #{scheduled.pk} is “held” in the table; the events say “scheduled”",
    ]


def test_rows_no_event_accounts_for_are_named(case, alice, mats, ola):
    extra = Party.objects.create(case=case, full_name="Snik Snikesen", role="victim")
    Consent.objects.create(
        party=ola, given_on=timezone.localdate(), method="phone", information_given="-", recorded_at=timezone.now()
    )
    Assignment.objects.create(case=case, mediator=mats, assigned_at=timezone.now())
    Party.objects.filter(pk=ola.pk).update(guardian_consent_waived=True)
    assert differences(case) == [
        f"party #{extra.pk} is in the table, but no event added it",
        f"party #{ola.pk}'s consent is present in the table; the events say none",
        f"party #{ola.pk}'s waiver of guardian consent is present in the table; the events say none",
        f"mediator #{mats.pk} is assigned in the table, but not on the timeline",
    ]


def test_rows_the_events_need_but_the_tables_lost_are_named(minor_case, alice):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    guardian = emil.guardians.get()
    per = minor_case.parties.get(full_name="Per Hansen")
    Guardian.objects.filter(pk=guardian.pk).delete()
    Party.objects.filter(pk=per.pk).delete()
    assert differences(minor_case) == [
        f"party #{per.pk} was added on the timeline, but is missing from the table",
        f"guardian #{guardian.pk} of party #{emil.pk} was added on the timeline, but is missing",
    ]


def test_a_closed_case_reopened_in_the_table_is_named(case, alice, ola):
    party_services.withdraw_consent(actor=alice, participant=Participant(ola))
    assert differences(case) == []
    Case.objects.filter(pk=case.pk).update(status="preparing", closed_at=None)
    assert differences(case) == [
        "the case's status is “preparing”; its events say “withdrawn”",
        "the case's closing time does not match whether its events closed it",
    ]


def test_a_meeting_missing_from_the_table_is_named(scheduled, minor_case):
    Meeting.objects.filter(pk=scheduled.pk).delete()
    assert differences(minor_case) == [f"meeting #{scheduled.pk} is “missing” in the table; the events say “scheduled”"]


def test_a_finding_reads_as_a_sentence_with_its_event():
    finding = Finding("OSL-2026-00001", "payload edited", "the payload does not match its digest", 3, "consent_given")
    assert (
        str(finding) == "OSL-2026-00001: event #3 (consent_given) payload edited: the payload does not match its digest"
    )

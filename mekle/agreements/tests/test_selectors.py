"""Reads about agreements: versions, who must sign, whether a signature is due."""

import pytest

from mekle.agreements import selectors, services
from mekle.mediators import services as mediator_services
from mekle.parties.participants import Participant
from mekle.testing.agreement_rows import approved_version
from mekle.testing.agreements import draft, hold_meeting_with_agreement


@pytest.fixture
def minor_held(minor_case, alice, mia):
    mediator_services.assign_mediator(actor=alice, case=minor_case, mediator=mia)
    return hold_meeting_with_agreement(alice, mia, minor_case)


def test_there_is_no_version_before_drafting(case):
    assert selectors.current_version(case) is None
    assert selectors.readable_version(case) is None
    assert selectors.versions_of(case) == []


def test_the_current_version_is_the_newest_and_parties_read_only_frozen_ones(case, alice, mia):
    hold_meeting_with_agreement(alice, mia, case)
    first = draft(mia, case)
    assert selectors.current_version(case) == first
    assert selectors.readable_version(case) is None
    services.send_for_signing(actor=mia, version=first)
    second = services.revise(actor=mia, version=first)
    assert selectors.current_version(case) == second
    assert selectors.readable_version(case) == first
    assert [v.number for v in selectors.versions_of(case)] == [1, 2]


def test_the_required_signers_are_every_party_and_every_guardian_of_a_minor(minor_held, mia):
    version = services.send_for_signing(actor=mia, version=draft(mia, minor_held))
    names = [(s.name, s.signed) for s in selectors.required_signers(version)]
    assert names == [("Per Hansen", False), ("Emil Olsen", False), ("Hanne Olsen", False)]
    emil = minor_held.parties.get(full_name="Emil Olsen")
    hanne = emil.guardians.get()
    assert selectors.signature_due(version, Participant(emil, hanne))
    services.sign(actor=mia, version=version, participant=Participant(emil, hanne), method="paper", statement="x")
    assert not selectors.signature_due(version, Participant(emil, hanne))
    signers = selectors.required_signers(selectors.version_with_everything(version))
    assert [s.signed for s in signers] == [False, False, True]


def test_a_guardian_of_an_adult_is_not_asked_to_sign(case, alice, mia, ola):
    from mekle.parties import services as party_services
    from mekle.parties.services import GuardianInput

    guardian = party_services.add_guardian(actor=alice, party=ola, data=GuardianInput(full_name="Verge Voksen"))
    hold_meeting_with_agreement(alice, mia, case)
    version = services.send_for_signing(actor=mia, version=draft(mia, case))
    assert [s.name for s in selectors.required_signers(version)] == ["Ola Nordmann", "Kari Nordmann"]
    assert not selectors.signature_due(version, Participant(ola, guardian))


def test_no_signature_is_due_on_a_draft_or_a_replaced_version(case, alice, mia, ola):
    hold_meeting_with_agreement(alice, mia, case)
    first = draft(mia, case)
    assert not selectors.signature_due(first, Participant(ola))
    first = services.send_for_signing(actor=mia, version=first)
    assert selectors.signature_due(first, Participant(ola))
    services.revise(actor=mia, version=first)
    assert not selectors.signature_due(first, Participant(ola))


def test_the_answers_are_the_latest_for_each_commitment_and_none_before_any(case, mia, alice):
    version = approved_version(case, mediator=mia)
    first, second = version.commitments.order_by("position")
    assert selectors.current_approved_version(case) == version
    assert selectors.is_current_approved(version)
    assert [a.kept for a in selectors.commitment_answers(version)] == [None, None]
    services.check_commitment(actor=alice, commitment=first, kept=False)
    services.check_commitment(actor=alice, commitment=first, kept=True)
    answers = selectors.commitment_answers(version)
    assert [(a.commitment, a.kept) for a in answers] == [(first, True), (second, None)]


def test_the_complainant_reports_only_on_what_was_promised_to_them(case, mia, ola, kari):
    version = approved_version(case, mediator=mia, many_commitments=2)
    assert {c.beneficiary_id for c in selectors.commitments_for_complainant(version, ola)} == {ola.pk}
    assert selectors.commitments_for_complainant(version, kari) == []


def test_there_is_no_approved_version_before_approval(case, alice, mia):
    hold_meeting_with_agreement(alice, mia, case)
    draft(mia, case)
    assert selectors.current_approved_version(case) is None


def test_documents_are_made_in_the_languages_the_parties_read_bokmal_first(case, mia):
    version = approved_version(case, mediator=mia)
    assert selectors.languages_for(version) == ["nb"]
    case.parties.filter(role="victim").update(preferred_language="en")
    case.parties.filter(role="offender").update(preferred_language="nn")
    assert selectors.languages_for(version) == ["nn", "en"]

"""Reads about agreements: versions, who must sign, whether a signature is due."""

import pytest

from mekle.agreements import selectors, services
from mekle.mediators import services as mediator_services
from mekle.parties.participants import Participant
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

"""A participant: a party acting for itself, or a guardian acting for a minor party."""

import pytest

from mekle.cases.lifecycle import GuardError
from mekle.parties.participants import Participant


@pytest.fixture
def emil_and_hanne(minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    return emil, emil.guardians.get()


def test_a_party_acting_for_itself_is_named_by_its_own_name(ola, case):
    ola_himself = Participant(ola)
    assert ola_himself.name == "Ola Nordmann"
    assert ola_himself.person == ola
    assert not ola_himself.acts_as_guardian
    assert ola_himself.guardian_id is None
    assert (ola_himself.case, ola_himself.case_id) == (case, case.pk)
    assert ola_himself.who() == {"party_id": ola.pk, "guardian_id": None, "name": "Ola Nordmann"}
    assert ola_himself.named() == {"party_id": ola.pk, "name": "Ola Nordmann"}


def test_a_guardian_acting_for_a_minor_is_named_by_the_guardians_name(emil_and_hanne, minor_case):
    emil, hanne = emil_and_hanne
    for_emil = Participant(emil, hanne)
    assert for_emil.name == "Hanne Olsen"
    assert for_emil.person == hanne
    assert for_emil.acts_as_guardian
    assert for_emil.case_id == minor_case.pk
    assert for_emil.who() == {"party_id": emil.pk, "guardian_id": hanne.pk, "name": "Hanne Olsen"}
    assert for_emil.named() == {"party_id": emil.pk, "name": "Hanne Olsen"}


def test_the_participant_of_a_record_is_its_party_or_its_guardian_for_the_party(emil_and_hanne):
    emil, hanne = emil_and_hanne
    assert Participant.of(emil) == Participant(emil)
    assert Participant.of(hanne) == Participant(emil, hanne)


def test_a_guardian_of_another_party_is_refused(emil_and_hanne, ola):
    _emil, hanne = emil_and_hanne
    Participant(*emil_and_hanne).ensure_together()
    with pytest.raises(GuardError) as refusal:
        Participant(ola, hanne).ensure_together()
    assert refusal.value.reasons == ["Den vergen hører ikke til denne parten."]

"""Who may draft, sign and approve an agreement."""

import pytest
from django.contrib.auth.models import AnonymousUser

from mekle.access import rules as access_rules
from mekle.agreements import rules
from mekle.parties.participants import Participant
from mekle.testing.agreements import draft, hold_meeting_with_agreement
from mekle.testing.cast import portal_user_of


@pytest.fixture
def version(case, alice, mia):
    hold_meeting_with_agreement(alice, mia, case)
    return draft(mia, case)


def test_the_office_caseworker_and_the_assigned_mediator_draft(case, alice, bob, mia, mats, outsider):
    assert [rules.can_draft(u, case) for u in (alice, mia, bob, mats, outsider)] == [True, True, False, False, False]
    assert access_rules.can_draft_agreement(alice, case)


def test_only_the_assigned_mediator_approves(case, alice, mia, mats):
    assert [rules.can_approve(u, case) for u in (mia, alice, mats)] == [True, False, False]
    assert access_rules.can_approve_agreement(mia, case)


def test_a_party_signs_only_for_themselves(version, ola, kari, ola_user, kari_user):
    assert rules.can_sign(ola_user, version, Participant(ola))
    assert not rules.can_sign(ola_user, version, Participant(kari))
    assert not rules.can_sign(kari_user, version, Participant(ola))
    assert access_rules.can_sign_agreement(kari_user, version, Participant(kari))


def test_nobody_signs_for_a_party_of_another_case(version, other_case):
    siri = other_case.parties.get(full_name="Siri Strand")
    assert not rules.can_sign(portal_user_of(siri), version, Participant(siri))


def test_anonymous_and_inactive_users_sign_nothing(version, ola, ola_user):
    assert not rules.can_sign(AnonymousUser(), version, Participant(ola))
    ola_user.is_active = False
    assert not rules.can_sign(ola_user, version, Participant(ola))


def test_a_guardian_signs_only_for_their_own_minor(minor_case, alice, mia):
    from mekle.mediators import services as mediator_services

    mediator_services.assign_mediator(actor=alice, case=minor_case, mediator=mia)
    hold_meeting_with_agreement(alice, mia, minor_case)
    version = draft(mia, minor_case)
    emil = minor_case.parties.get(full_name="Emil Olsen")
    per = minor_case.parties.get(full_name="Per Hansen")
    hanne = emil.guardians.get()
    hanne_user = portal_user_of(emil, hanne)
    assert rules.can_sign(hanne_user, version, Participant(emil, hanne))
    assert not rules.can_sign(hanne_user, version, Participant(per, hanne))
    assert not rules.can_sign(hanne_user, version, Participant(emil))
    assert not rules.can_sign(portal_user_of(emil), version, Participant(emil, hanne))

"""Who may draft, sign and approve an agreement, and how a follow-up may end."""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

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


# --- Ending a follow-up: pure functions over the case, the version and the answers -----------


def _case(status="in_follow_up", *, criminal=False, referrer_kind="party"):
    return SimpleNamespace(status=status, is_criminal=criminal, referrer_kind=referrer_kind)


def _answers(*kept):
    return [SimpleNamespace(kept=k) for k in kept]


DUE = SimpleNamespace(fulfilment_date=dt.date(2026, 3, 1))


@pytest.mark.parametrize(
    ("status", "version", "today", "answers", "refusals"),
    [
        ("meeting_held", DUE, dt.date(2026, 3, 2), _answers(True), ["not in follow-up"]),
        ("in_follow_up", None, dt.date(2026, 3, 2), [], ["not in follow-up"]),
        ("in_follow_up", DUE, dt.date(2026, 2, 28), _answers(True), ["fulfilment date"]),
        ("in_follow_up", DUE, dt.date(2026, 3, 1), _answers(True, None), ["every commitment"]),
        ("in_follow_up", DUE, dt.date(2026, 2, 1), _answers(None), ["fulfilment date", "every commitment"]),
        ("in_follow_up", DUE, dt.date(2026, 3, 1), _answers(True, False), []),
    ],
)
def test_a_follow_up_is_concluded_only_in_follow_up_after_the_date_with_every_answer(
    status, version, today, answers, refusals
):
    with translation.override("en"), time_machine.travel(dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC)):
        found = rules.conclusion_refusals(_case(status), version, answers)
    assert len(found) == len(refusals)
    assert all(expected in sentence for expected, sentence in zip(refusals, found, strict=True))


@pytest.mark.parametrize(
    ("criminal", "answers", "possible"),
    [
        (False, _answers(True, True), ["fulfilled"]),
        (True, _answers(True), ["fulfilled"]),
        (True, _answers(True, False), ["not_fulfilled"]),
        (False, _answers(False), ["new_meeting", "not_fulfilled"]),
    ],
)
def test_a_breach_ends_a_criminal_case_as_not_fulfilled_and_lets_a_civil_one_choose(criminal, answers, possible):
    assert rules.possible_conclusions(_case(criminal=criminal), answers) == possible


@pytest.mark.parametrize(
    ("criminal", "referrer_kind", "reports"),
    [(True, "party", True), (False, "police", True), (False, "court", False), (False, "party", False)],
)
def test_criminal_cases_and_civil_cases_the_police_sent_report_to_the_referrer(criminal, referrer_kind, reports):
    assert rules.reports_to_referrer(_case(criminal=criminal, referrer_kind=referrer_kind)) is reports

"""Every permission a door may ask, by name: who of the cast passes, and everyone who must not.

Alice is a caseworker of the case's office and Mia its assigned mediator; Mats is an unassigned
mediator of the same office, Bob a caseworker of another office, Ola a party of the case with a
portal account, Nora a parent with a journal account; "retired" is a caseworker of the office whose
account is switched off. A new predicate in access.rules fails here until it has its row.
"""

import inspect

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from mekle.access import rules
from mekle.accounts.models import Role
from mekle.dialogue.models import Message, Proposal
from mekle.journal.models import Journal
from mekle.notices.models import NoticeKind, StaffNotice
from mekle.parties.models import Party
from mekle.parties.participants import Participant
from mekle.testing.agreement_rows import approved_version
from mekle.testing.cast import make_user, portal_user_of
from mekle.testing.journal import keeper

EVERYONE = ["alice", "mia", "mats", "bob", "retired", "ola_user", "nora", "outsider", "anonymous"]
# Members of staff with no workspace (they use the Django admin): only the rules for staff as such let them in.
STAFF_WITHOUT_WORKSPACE = ["manager", "administrator", "django_admin"]
STAFF_OF_THE_CASE = {"alice", "mia"}

# Who may, on `case`; everyone else in EVERYONE must not.
CASE_RULES = {
    "can_view_case": STAFF_OF_THE_CASE,
    "can_manage_case": {"alice"},
    "can_correct_contact_details": {"alice"},
    "can_work_on_case": STAFF_OF_THE_CASE,
    "can_end_portal_access": STAFF_OF_THE_CASE,
    "can_draft_agreement": STAFF_OF_THE_CASE,
    "can_approve_agreement": {"mia"},
    "can_carry_proposal": STAFF_OF_THE_CASE,
    "can_read_thread": STAFF_OF_THE_CASE,
    "can_steer_thread": STAFF_OF_THE_CASE,
    "can_write_to_parties": STAFF_OF_THE_CASE,
    "can_decide_hold": STAFF_OF_THE_CASE,
    "can_open_direct_contact": {"mia"},
}
# Who may enter a part of the service at all.
USER_RULES = {
    "can_register_referral": {"alice", "bob"},
    "can_use_workspace": {"alice", "mia", "mats", "bob"},
    "can_use_portal": {"ola_user"},
    "can_use_journal": {"nora"},
    "can_manage_own_sessions": {"alice", "mia", "mats", "bob", "manager", "administrator", "django_admin"},
}
# Rules on one object (a journal, a version, a message): each has its own test below.
OBJECT_RULES = {
    "can_read_access_log",
    "can_read_journal",
    "can_sign_agreement",
    "party_sees_message",
    "party_sees_proposal",
    "can_see_notice",
}


@pytest.fixture
def retired(office_a):
    return make_user("retired", office=office_a, role=Role.CASEWORKER, is_active=False)


@pytest.fixture
def nora(db):
    return keeper("Nora Berg", "nora@example.no")


def person(request, who):
    return AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)


def test_every_rule_a_door_may_ask_has_its_row():
    exposed = {name for name, value in vars(rules).items() if inspect.isfunction(value) and not name.startswith("_")}
    assert exposed == set(CASE_RULES) | set(USER_RULES) | OBJECT_RULES


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize(("rule", "may"), sorted(CASE_RULES.items()))
def test_a_case_rule_lets_in_only_who_may(request, case, rule, may, who):
    assert getattr(rules, rule)(person(request, who), case) is (who in may), (rule, who)


@pytest.fixture
def manager(office_a):
    return make_user("manager", office=office_a, role=Role.MANAGER)


@pytest.fixture
def administrator(db):
    return make_user("administrator", role=Role.ADMINISTRATOR)


@pytest.fixture
def django_admin(db):
    return make_user("django_admin", is_staff=True)


@pytest.mark.parametrize("who", EVERYONE + STAFF_WITHOUT_WORKSPACE)
@pytest.mark.parametrize(("rule", "may"), sorted(USER_RULES.items()))
def test_a_door_lets_in_only_who_may(request, db, rule, may, who):
    assert getattr(rules, rule)(person(request, who)) is (who in may), (rule, who)


@pytest.mark.parametrize("who", EVERYONE)
def test_a_journal_is_read_only_by_its_owner(request, nora, who):
    journal = Journal.objects.get(owner=nora)
    assert rules.can_read_journal(person(request, who), journal) is (who == "nora"), who


def test_another_keeper_does_not_read_a_journal(nora):
    per = keeper("Per Berg", "per@example.no")
    assert not rules.can_read_journal(per, Journal.objects.get(owner=nora))


@pytest.mark.parametrize("who", EVERYONE)
def test_a_party_signs_only_for_themselves(request, case, mia, ola, kari, who):
    version = approved_version(case, mediator=mia)
    user = person(request, who)
    assert rules.can_sign_agreement(user, version, Participant(ola)) is (who == "ola_user"), who
    assert not rules.can_sign_agreement(user, version, Participant(kari)), who


@pytest.mark.parametrize("who", EVERYONE)
def test_a_cases_access_log_is_read_in_the_portal_only_by_the_person_whose_place_it_is(request, ola, kari, who):
    user = person(request, who)
    assert rules.can_read_access_log(user, Participant(ola)) is (who == "ola_user"), who
    assert not rules.can_read_access_log(user, Participant(kari)), who  # Kari has no account: nobody's


def test_a_guardian_reads_the_access_log_of_their_place_and_the_party_theirs(minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    hanne = emil.guardians.get()
    hanne_user, emil_user = portal_user_of(emil, hanne), portal_user_of(emil)
    assert rules.can_read_access_log(hanne_user, Participant(emil, hanne))
    assert not rules.can_read_access_log(hanne_user, Participant(emil))
    assert rules.can_read_access_log(emil_user, Participant(emil))
    assert not rules.can_read_access_log(emil_user, Participant(emil, hanne))


def test_a_party_of_another_case_signs_nothing_here(case, mia, other_case):
    version = approved_version(case, mediator=mia)
    siri = other_case.parties.get(full_name="Siri Strand")
    assert not rules.can_sign_agreement(portal_user_of(siri), version, Participant(siri))


def test_a_party_sees_only_their_own_messages_and_proposals():
    ola, kari, siri = Party(pk=1, case_id=10), Party(pk=2, case_id=10), Party(pk=3, case_id=20)
    message = Message(case_id=10, sender_id=ola.pk, recipient_id=kari.pk)
    proposal = Proposal(case_id=10, proposer_id=ola.pk, recipient_id=kari.pk)
    assert [rules.party_sees_message(p, message) for p in (ola, kari, siri)] == [True, True, False]
    assert [rules.party_sees_proposal(p, proposal) for p in (ola, kari, siri)] == [True, True, False]


def test_a_notice_is_seen_only_by_the_person_it_was_given_to(case, alice, mia, bob):
    notice = StaffNotice.objects.create(user=alice, case=case, kind=NoticeKind.WITHDRAWN, created_at=timezone.now())
    assert rules.can_see_notice(alice, notice)
    assert not rules.can_see_notice(mia, notice)  # the case's mediator, but not theirs
    assert not rules.can_see_notice(bob, notice)

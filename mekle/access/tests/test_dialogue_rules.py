"""The access rules around a case's messages, held messages and notices: who passes, and who must not.

Alice is a caseworker of the case's office and Mia its assigned mediator; Mats is an unassigned
mediator of the same office, Bob a caseworker of another office, and Ola a party of the case.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from mekle.access import rules
from mekle.access.models import AccessLogEntry
from mekle.dialogue import services
from mekle.notices.models import NoticeKind, StaffNotice
from mekle.parties.participants import Participant
from mekle.testing.cast import portal_user_of
from mekle.testing.tone import CALM, tone  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("tone")

STAFF_OF_THE_CASE = {"alice", "mia"}
EVERYONE = ["alice", "mia", "mats", "bob", "ola_user", "outsider", "anonymous"]


def person(request, who):
    return AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize("rule", ["can_read_thread", "can_steer_thread", "can_write_to_parties", "can_decide_hold"])
def test_only_the_staff_of_the_case_read_steer_write_and_decide(request, case, who, rule):
    assert getattr(rules, rule)(person(request, who), case) is (who in STAFF_OF_THE_CASE), (rule, who)


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_assigned_mediator_opens_direct_contact(request, case, who):
    assert rules.can_open_direct_contact(person(request, who), case) is (who == "mia")


def test_an_inactive_mediator_cannot_open_direct_contact(case, mia):
    mia.is_active = False
    mia.save()
    assert not rules.can_open_direct_contact(mia, case)


def test_a_party_sees_only_the_messages_and_proposals_that_are_theirs(contact_open, alice, ola, kari, other_case):
    siri = other_case.parties.get(full_name="Siri Strand")
    direct = services.send_message(actor=None, participant=Participant(ola), recipient=kari, text=CALM, language="nb")
    to_staff = services.send_message(
        actor=None, participant=Participant(kari), recipient=None, text=CALM, language="nb"
    )
    from_staff = services.send_staff_message(actor=alice, party=kari, text=CALM)
    made = services.make_proposal(
        actor=None, participant=Participant(ola), recipient=kari, kind="arrangement", text="Hekken."
    )
    assert [rules.party_sees_message(ola, m) for m in (direct, to_staff, from_staff)] == [True, False, False]
    assert [rules.party_sees_message(kari, m) for m in (direct, to_staff, from_staff)] == [True, True, True]
    assert [rules.party_sees_message(siri, m) for m in (direct, to_staff, from_staff)] == [False, False, False]
    assert rules.party_sees_proposal(ola, made)
    assert rules.party_sees_proposal(kari, made)
    assert not rules.party_sees_proposal(siri, made)


def test_a_notice_is_seen_only_by_its_own_user(case, alice, mia, bob):
    notice = StaffNotice.objects.create(user=alice, case=case, kind=NoticeKind.PARTY_MESSAGE, created_at=timezone.now())
    assert rules.can_see_notice(alice, notice)
    for other in (mia, bob, portal_user_of(case.parties.first()), AnonymousUser()):
        assert not rules.can_see_notice(other, notice)


def test_the_access_log_cannot_be_added_to_changed_or_deleted_in_the_admin(alice):
    entry = AccessLogEntry.objects.create(user=alice, what="messages", case_reference="OSL-2026-00001", path="/x")
    model_admin = admin.site._registry[AccessLogEntry]
    request = RequestFactory().get("/admin/")
    request.user = alice
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    assert str(entry).endswith(f"{alice.pk} messages OSL-2026-00001")

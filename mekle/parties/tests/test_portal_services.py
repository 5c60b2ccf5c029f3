"""Portal access: accounts for parties and guardians, personal links, and their life cycle."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone, translation

from mekle.accounts.models import Role
from mekle.cases.lifecycle import GuardError
from mekle.parties import services as party_services
from mekle.parties.models import PortalInvitation
from mekle.parties.tasks import send_invitation_email


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def kinds(case):
    return list(case.events.order_by("sequence").values_list("kind", flat=True))


def test_a_portal_account_is_created_once_per_person_and_has_no_password(ola):
    user = party_services.portal_user_for(party=ola)
    assert user.role == Role.PARTY
    assert not user.has_usable_password()
    assert party_services.portal_user_for(party=ola) == user
    ola.refresh_from_db()
    assert ola.user == user


def test_two_parties_with_the_same_email_get_separate_accounts(ola, kari):
    ola.email = kari.email = "familien@example.no"
    assert party_services.portal_user_for(party=ola) != party_services.portal_user_for(party=kari)


def test_inviting_by_email_records_the_event_and_sends_one_email(
    alice, ola, mailoutbox, django_capture_on_commit_callbacks
):
    ola.email = "ola@example.no"
    ola.save()
    with django_capture_on_commit_callbacks(execute=True):
        link = party_services.invite_to_portal(actor=alice, party=ola)
    assert f"/portal/sign-in/{link.invitation.pk}/?token=" in link.url
    assert kinds(ola.case)[-1] == "portal_invitation_created"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ola@example.no"]
    assert f"/portal/sign-in/{link.invitation.pk}/" in message.body
    assert "Mekle" in message.subject


def test_the_email_task_sends_once_even_when_run_twice(alice, ola, mailoutbox):
    ola.email = "ola@example.no"
    ola.save()
    link = party_services.invite_to_portal(actor=alice, party=ola)  # on_commit never runs in this test
    assert send_invitation_email.call(invitation_id=link.invitation.pk) is True
    assert send_invitation_email.call(invitation_id=link.invitation.pk) is False
    assert len(mailoutbox) == 1


def test_the_email_is_in_the_partys_language(alice, ola, mailoutbox):
    ola.email = "ola@example.no"
    ola.preferred_language = "en"
    ola.save()
    link = party_services.invite_to_portal(actor=alice, party=ola)
    send_invitation_email.call(invitation_id=link.invitation.pk)
    assert "Your personal link to Mekle" in mailoutbox[0].subject


def test_inviting_by_email_without_an_address_is_refused_and_changes_nothing(alice, ola):
    ola.email = ""
    ola.save()
    with pytest.raises(GuardError, match="no e-mail address"):
        party_services.invite_to_portal(actor=alice, party=ola)
    assert not PortalInvitation.objects.exists()


def test_a_link_for_sms_or_letter_needs_no_address(alice, ola):
    link = party_services.invite_to_portal(actor=alice, party=ola, send_email=False)
    assert link.invitation.sent_to == ""


def test_a_new_link_replaces_the_earlier_one(alice, ola):
    first = party_services.invite_to_portal(actor=alice, party=ola, send_email=False).invitation
    second = party_services.invite_to_portal(actor=alice, party=ola, send_email=False).invitation
    first.refresh_from_db()
    now = timezone.now()
    assert first.state_at(now) == "revoked"
    assert second.state_at(now) == "active"


def test_a_guardian_is_invited_with_an_account_of_their_own(alice, minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    guardian = emil.guardians.get()
    link = party_services.invite_to_portal(actor=alice, party=emil, guardian=guardian, send_email=False)
    guardian.refresh_from_db()
    assert link.invitation.user == guardian.user
    assert emil.user is None


def test_a_guardian_of_another_party_cannot_be_invited_through_this_one(alice, minor_case):
    per = minor_case.parties.get(full_name="Per Hansen")
    guardian = minor_case.parties.get(full_name="Emil Olsen").guardians.get()
    with pytest.raises(GuardError):
        party_services.invite_to_portal(actor=alice, party=per, guardian=guardian, send_email=False)


def test_nobody_is_invited_to_a_closed_case(alice, ola):
    party_services.withdraw_consent(actor=alice, party=ola)
    ola.refresh_from_db()
    with pytest.raises(GuardError, match="closed"):
        party_services.invite_to_portal(actor=alice, party=ola, send_email=False)


def test_revoking_stops_a_link_and_is_on_the_timeline(alice, ola):
    invitation = party_services.invite_to_portal(actor=alice, party=ola, send_email=False).invitation
    party_services.revoke_invitation(actor=alice, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.state_at(timezone.now()) == "revoked"
    assert kinds(ola.case)[-1] == "portal_invitation_revoked"
    with pytest.raises(GuardError):
        party_services.revoke_invitation(actor=alice, invitation=invitation)


def test_a_link_is_used_once(alice, ola):
    invitation = party_services.invite_to_portal(actor=alice, party=ola, send_email=False).invitation
    party_services.use_invitation(invitation=invitation)
    assert kinds(ola.case)[-1] == "portal_signed_in"
    with pytest.raises(GuardError):
        party_services.use_invitation(invitation=invitation)


def test_an_expired_link_cannot_be_used(alice, ola, settings):
    invitation = party_services.invite_to_portal(actor=alice, party=ola, send_email=False).invitation
    later = timezone.now() + dt.timedelta(days=settings.MEKLE_INVITATION_DAYS, minutes=1)
    with time_machine.travel(later), pytest.raises(GuardError):
        party_services.use_invitation(invitation=invitation)
    with time_machine.travel(later):
        assert send_invitation_email.call(invitation_id=invitation.pk) is False

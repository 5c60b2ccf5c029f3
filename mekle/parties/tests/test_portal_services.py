"""Portal access: accounts for parties and guardians, personal links, and their life cycle."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone, translation

from mekle.accounts.models import Role
from mekle.cases.lifecycle import GuardError
from mekle.parties import services as party_services
from mekle.parties.models import PortalInvitation
from mekle.parties.participants import Participant
from mekle.parties.tasks import send_invitation_email


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def kinds(case):
    return list(case.events.order_by("sequence").values_list("kind", flat=True))


def test_a_portal_account_is_created_once_per_person_and_has_no_password(ola):
    user = party_services.portal_user_for(participant=Participant(ola))
    assert user.role == Role.PARTY
    assert not user.has_usable_password()
    assert party_services.portal_user_for(participant=Participant(ola)) == user
    ola.refresh_from_db()
    assert ola.user == user


def test_two_parties_with_the_same_email_get_separate_accounts(ola, kari):
    ola.email = kari.email = "familien@example.no"
    assert party_services.portal_user_for(participant=Participant(ola)) != party_services.portal_user_for(
        participant=Participant(kari)
    )


def test_inviting_by_email_records_the_event_and_sends_one_email(
    alice, ola, mailoutbox, django_capture_on_commit_callbacks
):
    ola.email = "ola@example.no"
    ola.save()
    with django_capture_on_commit_callbacks(execute=True):
        link = party_services.invite_to_portal(actor=alice, participant=Participant(ola))
    assert f"/portal/sign-in/{link.invitation.pk}/?token=" in link.url
    assert kinds(ola.case)[-1] == "portal_invitation_created"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ola@example.no"]
    assert f"/portal/sign-in/{link.invitation.pk}/" in message.body
    assert message.subject == "Din personlige lenke for å logge inn"  # says nothing of what it is for


def test_the_email_task_sends_once_even_when_run_twice(alice, ola, mailoutbox):
    ola.email = "ola@example.no"
    ola.save()
    link = party_services.invite_to_portal(
        actor=alice, participant=Participant(ola)
    )  # on_commit never runs in this test
    assert send_invitation_email.call(invitation_id=link.invitation.pk) is True
    assert send_invitation_email.call(invitation_id=link.invitation.pk) is False
    assert len(mailoutbox) == 1


def test_the_email_is_in_the_partys_language(alice, ola, mailoutbox):
    ola.email = "ola@example.no"
    ola.preferred_language = "en"
    ola.save()
    link = party_services.invite_to_portal(actor=alice, participant=Participant(ola))
    send_invitation_email.call(invitation_id=link.invitation.pk)
    assert mailoutbox[0].subject == "Your personal sign-in link"


def test_inviting_by_email_without_an_address_is_refused_and_changes_nothing(alice, ola):
    ola.email = ""
    ola.save()
    with pytest.raises(GuardError, match="no e-mail address"):
        party_services.invite_to_portal(actor=alice, participant=Participant(ola))
    assert not PortalInvitation.objects.exists()


def test_a_link_for_sms_or_letter_needs_no_address(alice, ola):
    link = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    assert link.invitation.sent_to == ""


def test_a_new_link_replaces_the_earlier_one(alice, ola):
    first = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False).invitation
    second = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False).invitation
    first.refresh_from_db()
    now = timezone.now()
    assert first.state_at(now) == "revoked"
    assert second.state_at(now) == "active"


def test_a_guardian_is_invited_with_an_account_of_their_own(alice, minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    guardian = emil.guardians.get()
    link = party_services.invite_to_portal(actor=alice, participant=Participant(emil, guardian), send_email=False)
    guardian.refresh_from_db()
    assert link.invitation.user == guardian.user
    assert emil.user is None


def test_a_guardian_of_another_party_cannot_be_invited_through_this_one(alice, minor_case):
    per = minor_case.parties.get(full_name="Per Hansen")
    guardian = minor_case.parties.get(full_name="Emil Olsen").guardians.get()
    with pytest.raises(GuardError):
        party_services.invite_to_portal(actor=alice, participant=Participant(per, guardian), send_email=False)


def test_nobody_is_invited_to_a_closed_case(alice, ola):
    party_services.withdraw_consent(actor=alice, participant=Participant(ola))
    ola.refresh_from_db()
    with pytest.raises(GuardError, match="closed"):
        party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)


def test_revoking_stops_a_link_and_is_on_the_timeline(alice, ola):
    invitation = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False).invitation
    party_services.revoke_invitation(actor=alice, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.state_at(timezone.now()) == "revoked"
    assert kinds(ola.case)[-1] == "portal_invitation_revoked"
    with pytest.raises(GuardError):
        party_services.revoke_invitation(actor=alice, invitation=invitation)


def test_a_link_is_used_once(alice, ola):
    invitation = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False).invitation
    party_services.use_invitation(invitation=invitation)
    assert kinds(ola.case)[-1] == "portal_signed_in"
    with pytest.raises(GuardError):
        party_services.use_invitation(invitation=invitation)


def test_an_expired_link_cannot_be_used(alice, ola, settings):
    invitation = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False).invitation
    later = timezone.now() + dt.timedelta(days=settings.MEKLE_INVITATION_DAYS, minutes=1)
    with time_machine.travel(later), pytest.raises(GuardError):
        party_services.use_invitation(invitation=invitation)
    with time_machine.travel(later):
        assert send_invitation_email.call(invitation_id=invitation.pk) is False


# --- Sessions end with a new or revoked link, and with ended access ---------------------------


def session_hash_of(user):
    user.refresh_from_db()
    return user.get_session_auth_hash()


def test_a_new_link_ends_the_sessions_of_the_earlier_one(alice, ola):
    party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    ola.refresh_from_db()
    before = session_hash_of(ola.user)
    party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    assert session_hash_of(ola.user) != before
    assert not ola.user.has_usable_password()


def test_revoking_a_link_ends_the_persons_sessions(alice, ola):
    invitation = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False).invitation
    before = session_hash_of(invitation.user)
    party_services.revoke_invitation(actor=alice, invitation=invitation)
    assert session_hash_of(invitation.user) != before


def test_a_staff_account_is_never_signed_out_here(alice):
    before = session_hash_of(alice)
    party_services.end_sessions_of(alice)
    assert session_hash_of(alice) == before
    assert alice.check_password("pw-alice")


def test_ending_access_stops_links_and_sessions_and_is_on_the_timeline(alice, ola):
    first = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False).invitation
    user = first.user
    before = session_hash_of(user)
    party_services.end_portal_access(actor=alice, participant=Participant(ola))
    first.refresh_from_db()
    ola.refresh_from_db()
    assert first.state_at(timezone.now()) == "revoked"
    assert session_hash_of(user) != before
    assert ola.user is None
    assert ola.portal_access_ended_at is not None
    event = ola.case.events.order_by("-sequence").first()
    assert (event.kind, event.actor, event.payload["party_id"], event.payload["links_stopped"]) == (
        "portal_access_ended",
        alice,
        ola.pk,
        1,
    )


def test_ending_access_of_a_guardian_leaves_the_minors_own_access(alice, minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    hanne = emil.guardians.get()
    party_services.invite_to_portal(actor=alice, participant=Participant(emil), send_email=False)
    party_services.invite_to_portal(actor=alice, participant=Participant(emil, hanne), send_email=False)
    party_services.end_portal_access(actor=alice, participant=Participant(emil, hanne))
    emil.refresh_from_db()
    hanne.refresh_from_db()
    assert hanne.user is None
    assert hanne.portal_access_ended_at is not None
    assert emil.user is not None
    assert emil.portal_access_ended_at is None
    assert emil.invitations.get(guardian=None).revoked_at is None


def test_there_is_nothing_to_end_for_a_person_without_access(alice, ola):
    with pytest.raises(GuardError, match="no portal access"):
        party_services.end_portal_access(actor=alice, participant=Participant(ola))
    assert "portal_access_ended" not in kinds(ola.case)


def test_a_guardian_of_another_party_cannot_be_ended_through_this_one(alice, minor_case):
    per = minor_case.parties.get(full_name="Per Hansen")
    guardian = minor_case.parties.get(full_name="Emil Olsen").guardians.get()
    with pytest.raises(GuardError):
        party_services.end_portal_access(actor=alice, participant=Participant(per, guardian))


def test_access_can_be_ended_on_a_closed_case(alice, ola):
    party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    party_services.withdraw_consent(actor=alice, participant=Participant(ola))
    ola.refresh_from_db()
    party_services.end_portal_access(actor=alice, participant=Participant(ola))
    assert kinds(ola.case)[-1] == "portal_access_ended"


def test_inviting_again_after_access_ended_opens_it_with_a_new_account(alice, ola):
    old_user = party_services.invite_to_portal(
        actor=alice, participant=Participant(ola), send_email=False
    ).invitation.user
    party_services.end_portal_access(actor=alice, participant=Participant(ola))
    link = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    ola.refresh_from_db()
    assert ola.portal_access_ended_at is None
    assert ola.user == link.invitation.user != old_user
    assert link.invitation.state_at(timezone.now()) == "active"


# --- A requested link ---------------------------------------------------------------------------


def test_a_requested_link_goes_to_a_known_address_in_any_case_of_letters(
    invited_ola, mailoutbox, django_capture_on_commit_callbacks
):
    invited_ola.email = "Ola@Example.no"
    invited_ola.save()
    earlier = invited_ola.invitations.get()
    with django_capture_on_commit_callbacks(execute=True):
        (invitation,) = party_services.request_portal_links(email=" ola@example.NO ")
    assert invitation.sent_to == "Ola@Example.no"
    assert invitation.user == invited_ola.user
    earlier.refresh_from_db()
    assert earlier.revoked_at is not None  # the older link stops
    assert [m.to for m in mailoutbox] == [["Ola@Example.no"]]
    event = invited_ola.case.events.order_by("-sequence").first()
    assert event.kind == "portal_link_requested"
    assert event.actor is None
    assert "example" not in str(event.payload).lower()  # the address never goes into the timeline


def test_an_unknown_address_gets_nothing_and_leaves_no_event(invited_ola, mailoutbox):
    before = invited_ola.case.events.count()
    assert party_services.request_portal_links(email="someone@example.no") == []
    assert party_services.request_portal_links(email="   ") == []
    assert invited_ola.case.events.count() == before
    assert mailoutbox == []


def test_nobody_who_has_never_been_invited_is_sent_a_link(ola):
    ola.email = "ola@example.no"
    ola.save()
    assert party_services.request_portal_links(email="ola@example.no") == []  # staff decide who hears first


def test_nobody_whose_access_staff_ended_is_sent_a_link(alice, invited_ola):
    party_services.end_portal_access(actor=alice, participant=Participant(invited_ola))
    assert party_services.request_portal_links(email="ola@example.no") == []


def test_a_case_closed_within_30_days_still_gets_a_link_and_an_older_one_does_not(alice, invited_ola):
    party_services.withdraw_consent(actor=alice, participant=Participant(invited_ola))
    with time_machine.travel(timezone.now() + dt.timedelta(days=29)):
        assert len(party_services.request_portal_links(email="ola@example.no")) == 1
    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        assert party_services.request_portal_links(email="ola@example.no") == []


def test_everyone_at_a_shared_address_gets_an_email_of_their_own(
    alice, minor_case, invited_ola, mailoutbox, django_capture_on_commit_callbacks
):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    hanne = emil.guardians.get()
    hanne.email = "ola@example.no"
    hanne.save()
    party_services.invite_to_portal(actor=alice, participant=Participant(emil, hanne), send_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        sent = party_services.request_portal_links(email="ola@example.no")
    assert {(i.party_id, i.guardian_id) for i in sent} == {(invited_ola.pk, None), (emil.pk, hanne.pk)}
    assert len(mailoutbox) == 2
    assert minor_case.events.order_by("-sequence").first().kind == "portal_link_requested"


def test_an_address_is_answered_at_most_three_times_an_hour(invited_ola, settings):
    settings.MEKLE_LINK_REQUESTS_PER_HOUR = 3
    sent = [party_services.request_portal_links(email="ola@example.no") for _ in range(4)]
    assert [len(s) for s in sent] == [1, 1, 1, 0]
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1, minutes=1)):
        assert len(party_services.request_portal_links(email="OLA@example.no")) == 1


def test_a_person_is_sent_at_most_three_links_an_hour_whatever_the_address(invited_ola, settings):
    settings.MEKLE_LINK_REQUESTS_PER_HOUR = 3
    sent = []
    for address in ("ola@example.no", "other@example.no", "third@example.no", "fourth@example.no"):
        invited_ola.email = address
        invited_ola.save()
        sent.append(party_services.request_portal_links(email=address))
    assert [len(s) for s in sent] == [1, 1, 1, 0]


def test_access_ended_between_look_up_and_sending_sends_nothing(alice, invited_ola):
    from mekle.parties.selectors import people_reachable_at
    from mekle.parties.services.portal import _send_requested_link

    (participant,) = people_reachable_at("ola@example.no")
    assert participant == Participant(invited_ola)
    party_services.end_portal_access(actor=alice, participant=Participant(invited_ola))
    assert _send_requested_link(participant=participant) is None

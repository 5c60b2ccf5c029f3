"""Staff give parties their way into the portal: links by e-mail, SMS or letter, revocation, and waivers."""

import pytest
from django.urls import reverse
from django.utils import timezone

from mekle.parties import services as party_services
from mekle.parties.models import PortalInvitation


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice)
    client.cookies["django_language"] = "en"
    return client


def test_a_link_for_sms_or_letter_is_shown_to_the_caseworker(as_alice, case, ola):
    response = as_alice.post(reverse("workspace:invite_party", args=[case.reference, ola.pk]))
    assert response.status_code == 200
    invitation = PortalInvitation.objects.get(party=ola)
    assert f"/portal/sign-in/{invitation.pk}/?token=" in response.content.decode()
    assert invitation.sent_to == ""


def test_a_link_by_email_is_sent(as_alice, case, ola, mailoutbox, django_capture_on_commit_callbacks):
    ola.email = "ola@example.no"
    ola.save()
    with django_capture_on_commit_callbacks(execute=True):
        as_alice.post(reverse("workspace:invite_party", args=[case.reference, ola.pk]), {"by_email": "1"})
    assert [m.to for m in mailoutbox] == [["ola@example.no"]]


def test_emailing_without_an_address_is_explained_and_creates_nothing(as_alice, case, ola):
    response = as_alice.post(
        reverse("workspace:invite_party", args=[case.reference, ola.pk]), {"by_email": "1"}, follow=True
    )
    assert "no e-mail address" in response.content.decode()
    assert not PortalInvitation.objects.exists()


def test_a_guardian_gets_a_link_of_their_own(as_alice, minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    guardian = emil.guardians.get()
    as_alice.post(reverse("workspace:invite_guardian", args=[minor_case.reference, emil.pk, guardian.pk]))
    assert PortalInvitation.objects.get().guardian == guardian


def test_the_party_page_lists_links_and_revokes_one(as_alice, alice, case, ola):
    invitation = party_services.invite_to_portal(actor=alice, party=ola, send_email=False).invitation
    page = as_alice.get(reverse("workspace:party_page", args=[case.reference, ola.pk])).content.decode()
    assert "Works until" in page
    revoke = reverse("workspace:revoke_invitation", args=[case.reference, ola.pk, invitation.pk])
    assert as_alice.post(revoke).status_code == 302
    invitation.refresh_from_db()
    assert invitation.state_at(timezone.now()) == "revoked"
    page = as_alice.post(revoke, follow=True).content.decode()
    assert "nothing to revoke" in page


def test_a_link_of_another_party_cannot_be_revoked_through_this_one(as_alice, alice, case, ola, kari):
    invitation = party_services.invite_to_portal(actor=alice, party=kari, send_email=False).invitation
    as_alice.post(reverse("workspace:revoke_invitation", args=[case.reference, ola.pk, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_the_party_page_shows_the_partys_answers_and_a_safety_warning(as_alice, case, kari):
    party_services.save_preparation_answers(
        actor=None, party=kari, answers={"what_happened": "Det startet med hekken.", "feels_safe": "no"}
    )
    page = as_alice.get(reverse("workspace:party_page", args=[case.reference, kari.pk])).content.decode()
    assert "Det startet med hekken." in page
    assert "Feels safe meeting the other party:" in page


def test_the_waiver_is_recorded_from_the_party_page(as_alice, alice, office_a):
    from mekle.parties.tests.test_portal_answers import _civil_minor_case

    case = _civil_minor_case(alice, office_a, 16)
    tor = case.parties.get(full_name="Tor Lund")
    page = as_alice.get(reverse("workspace:party_page", args=[case.reference, tor.pk])).content.decode()
    assert "may consent without a guardian" in page
    as_alice.post(reverse("workspace:waive_guardian_consent", args=[case.reference, tor.pk]))
    tor.refresh_from_db()
    assert tor.guardian_consent_waived


@pytest.mark.parametrize("who", ["bob", "mia"])
def test_only_the_offices_caseworkers_give_links(client, request, case, ola, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("workspace:invite_party", args=[case.reference, ola.pk]))
    assert response.status_code in (403, 404)
    assert not PortalInvitation.objects.exists()

"""Staff give parties their way into the portal: links by e-mail, SMS or letter, revocation, and waivers."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mekle.parties import services as party_services
from mekle.parties.models import PortalInvitation
from mekle.parties.participants import Participant


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
    invitation = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False).invitation
    page = as_alice.get(reverse("workspace:party_page", args=[case.reference, ola.pk])).content.decode()
    assert "Works until" in page
    revoke = reverse("workspace:revoke_invitation", args=[case.reference, ola.pk, invitation.pk])
    assert as_alice.post(revoke).status_code == 302
    invitation.refresh_from_db()
    assert invitation.state_at(timezone.now()) == "revoked"
    page = as_alice.post(revoke, follow=True).content.decode()
    assert "nothing to revoke" in page


def test_a_link_of_another_party_cannot_be_revoked_through_this_one(as_alice, alice, case, ola, kari):
    invitation = party_services.invite_to_portal(
        actor=alice, participant=Participant(kari), send_email=False
    ).invitation
    as_alice.post(reverse("workspace:revoke_invitation", args=[case.reference, ola.pk, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_the_party_page_shows_the_partys_answers_and_a_safety_warning(as_alice, case, kari):
    party_services.save_preparation_answers(
        actor=None,
        participant=Participant(kari),
        answers={"what_happened": "Det startet med hekken.", "feels_safe": "no"},
    )
    page = as_alice.get(reverse("workspace:party_page", args=[case.reference, kari.pk])).content.decode()
    assert "Det startet med hekken." in page
    assert "Feels safe meeting the other party:" in page


def test_the_waiver_is_recorded_from_the_party_page(as_alice, alice, office_a):
    from mekle.testing.cast import civil_minor_case

    case = civil_minor_case(alice, office_a, 16)
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


# --- Ending a person's portal access ------------------------------------------------------------

SESSION_SETUPS = {
    "database sessions": {},
    # As with CACHE_URL: sessions read from the cache and written through, the signed-in user kept there.
    "cached sessions and user": {
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
        "MEKLE_SHARED_CACHE": True,
    },
}


def signed_in_party(link):
    """A second browser, signed in to the portal with `link`."""
    browser = Client()
    parts = urlsplit(link.url)
    browser.post(parts.path, {"token": parts.query.split("token=", 1)[1]})
    assert portal_user(browser).is_authenticated
    return browser


def portal_user(browser):
    return browser.get(reverse("portal:home")).wsgi_request.user


def end_url(case, party, guardian=None):
    if guardian is not None:
        return reverse("workspace:end_guardian_access", args=[case.reference, party.pk, guardian.pk])
    return reverse("workspace:end_party_access", args=[case.reference, party.pk])


def test_the_party_page_offers_to_end_access_only_to_someone_who_has_it(as_alice, alice, case, ola):
    page = reverse("workspace:party_page", args=[case.reference, ola.pk])
    assert end_url(case, ola) not in as_alice.get(page).content.decode()
    party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    assert end_url(case, ola) in as_alice.get(page).content.decode()


def test_the_party_page_keeps_its_queries_with_access_to_end(
    as_alice, alice, minor_case, django_assert_max_num_queries
):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    party_services.invite_to_portal(actor=alice, participant=Participant(emil), send_email=False)
    party_services.invite_to_portal(actor=alice, participant=Participant(emil, emil.guardians.get()), send_email=False)
    with django_assert_max_num_queries(12):  # one is the second factor of the session (mekle.signin)
        response = as_alice.get(reverse("workspace:party_page", args=[minor_case.reference, emil.pk]))
    assert response.content.decode().count("/portal-access/end/") == 2


def test_ending_access_asks_first_and_changes_nothing_until_confirmed(as_alice, alice, case, ola):
    link = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    page = as_alice.get(end_url(case, ola))
    assert page.status_code == 200
    assert "End portal access for Ola Nordmann?" in page.content.decode()
    link.invitation.refresh_from_db()
    assert link.invitation.revoked_at is None
    assert "portal_access_ended" not in set(case.events.values_list("kind", flat=True))


@pytest.mark.parametrize("setup", SESSION_SETUPS)
def test_ending_access_signs_the_party_out_at_their_next_request(as_alice, alice, case, ola, settings, setup):
    for name, value in SESSION_SETUPS[setup].items():
        setattr(settings, name, value)
    browser = signed_in_party(
        party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    )
    response = as_alice.post(end_url(case, ola))
    assert response["Location"] == reverse("workspace:party_page", args=[case.reference, ola.pk])
    assert not portal_user(browser).is_authenticated
    next_page = browser.get(reverse("portal:case", args=[case.reference]))
    assert next_page["Location"].startswith(reverse("portal:sign_in_help"))
    event = case.events.order_by("-sequence").first()
    assert (event.kind, event.actor) == ("portal_access_ended", alice)


def test_an_unused_link_stops_when_access_ends(as_alice, alice, case, ola):
    link = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    as_alice.post(end_url(case, ola))
    parts = urlsplit(link.url)
    refused = Client().post(parts.path, {"token": parts.query.split("token=", 1)[1]})
    assert refused.status_code in (404, 410)


def test_the_party_can_be_invited_again_and_the_new_link_works(as_alice, alice, case, ola):
    signed_in_party(party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False))
    as_alice.post(end_url(case, ola))
    response = as_alice.post(reverse("workspace:invite_party", args=[case.reference, ola.pk]))
    assert response.status_code == 200
    browser = signed_in_party(response.context["link"])
    assert browser.get(reverse("portal:case", args=[case.reference])).status_code == 200


def test_a_guardians_access_is_ended_from_the_same_page(as_alice, alice, minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    hanne = emil.guardians.get()
    browser = signed_in_party(
        party_services.invite_to_portal(actor=alice, participant=Participant(emil, hanne), send_email=False)
    )
    as_alice.post(end_url(minor_case, emil, hanne))
    assert not portal_user(browser).is_authenticated


def test_the_assigned_mediator_may_end_access(client, mia, alice, case, ola):
    browser = signed_in_party(
        party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    )
    client.force_login(mia)
    assert client.post(end_url(case, ola)).status_code == 302
    assert not portal_user(browser).is_authenticated


def test_ending_access_nobody_has_is_explained(as_alice, case, ola):
    response = as_alice.post(end_url(case, ola), follow=True)
    assert response.status_code == 200
    assert "no portal access to end" in response.content.decode()


@pytest.mark.parametrize("who", ["bob", "mats"])
def test_another_offices_caseworker_or_an_unassigned_mediator_cannot_end_access(client, request, alice, case, ola, who):
    browser = signed_in_party(
        party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    )
    client.force_login(request.getfixturevalue(who))
    assert client.post(end_url(case, ola)).status_code == 404
    assert portal_user(browser).is_authenticated


# --- Revoking or replacing a link ends the sessions it opened -----------------------------------


def test_a_new_link_from_staff_ends_the_session_of_the_old_one(as_alice, alice, case, ola):
    browser = signed_in_party(
        party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    )
    as_alice.post(reverse("workspace:invite_party", args=[case.reference, ola.pk]))
    assert not portal_user(browser).is_authenticated


def test_revoking_a_link_ends_the_persons_sessions(as_alice, alice, case, ola):
    browser = signed_in_party(
        party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    )
    # A link made since (for another device, say) and not yet used; revoking it signs the person out too.
    now = timezone.now()
    signed_in_with = PortalInvitation.objects.get(party=ola)
    invitation = PortalInvitation.objects.create(
        party=ola, user=signed_in_with.user, created_at=now, expires_at=now + dt.timedelta(days=1)
    )
    as_alice.post(reverse("workspace:revoke_invitation", args=[case.reference, ola.pk, invitation.pk]))
    assert not portal_user(browser).is_authenticated

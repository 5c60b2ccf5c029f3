"""Signing in with a personal link: it works once, in one browser, until it expires or is revoked."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from mekle.parties import services as party_services
from mekle.parties.models import PortalInvitation
from mekle.parties.participants import Participant


@pytest.fixture
def link(alice, ola):
    return party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)


def path_of(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def token_of(url):
    return urlsplit(url).query.split("token=", 1)[1]


def sign_in(client, link):
    return client.post(urlsplit(link.url).path, {"token": token_of(link.url)})


def signed_in_user(client):
    return client.get(reverse("portal:home")).wsgi_request.user


def test_opening_the_link_shows_a_button_and_uses_nothing(client, link):
    response = client.get(path_of(link.url))
    assert response.status_code == 200
    assert b'name="token"' in response.content
    link.invitation.refresh_from_db()
    assert link.invitation.used_at is None  # an e-mail scanner opening the link cannot use it up
    assert not signed_in_user(client).is_authenticated


def test_pressing_the_button_signs_in_and_marks_the_link_used(client, link, ola):
    response = sign_in(client, link)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert signed_in_user(client) == ola.user
    link.invitation.refresh_from_db()
    assert link.invitation.used_at is not None
    assert ola.case.events.order_by("-sequence").first().kind == "portal_signed_in"


def test_the_same_browser_may_open_the_link_again(client, link):
    sign_in(client, link)
    assert client.get(path_of(link.url)).status_code == 302


def test_a_used_link_in_another_browser_shows_what_to_do(client, link, ola):
    sign_in(client, link)
    client.logout()
    response = sign_in(client, link)
    assert response.status_code == 410
    assert "already been used" in response.content.decode() or "allerede brukt" in response.content.decode()
    assert ola.case.office.name in response.content.decode()
    assert not signed_in_user(client).is_authenticated


def test_an_expired_link_shows_what_to_do(client, link, settings):
    later = timezone.now() + dt.timedelta(days=settings.MEKLE_INVITATION_DAYS, hours=1)
    with time_machine.travel(later):
        response = client.get(path_of(link.url), HTTP_COOKIE="django_language=en")
        assert response.status_code == 410
        assert "expired" in response.content.decode()
        assert sign_in(client, link).status_code == 410
    assert not signed_in_user(client).is_authenticated


def test_a_revoked_link_shows_what_to_do(client, link, alice):
    party_services.revoke_invitation(actor=alice, invitation=link.invitation)
    client.cookies["django_language"] = "en"
    response = client.get(path_of(link.url))
    assert response.status_code == 410
    assert "replaced by a newer one" in response.content.decode()
    assert sign_in(client, link).status_code == 410


def test_a_changed_token_is_refused(client, link):
    url = link.url[:-3] + ("aaa" if not link.url.endswith("aaa") else "bbb")
    assert client.get(path_of(url)).status_code == 404
    assert client.post(urlsplit(url).path, {"token": token_of(url)}).status_code == 404
    link.invitation.refresh_from_db()
    assert link.invitation.used_at is None


def test_a_token_of_one_invitation_does_not_open_another(client, alice, ola, kari):
    olas = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    karis = party_services.invite_to_portal(actor=alice, participant=Participant(kari), send_email=False)
    crossed = reverse("portal:sign_in", args=[karis.invitation.pk])
    assert client.post(crossed, {"token": token_of(olas.url)}).status_code == 404
    assert not signed_in_user(client).is_authenticated


def test_an_unknown_invitation_or_missing_token_is_a_clear_page_not_an_error(client, link):
    assert client.get(reverse("portal:sign_in", args=[999999]) + "?token=x").status_code == 404
    response = client.get(reverse("portal:sign_in", args=[link.invitation.pk]))
    assert response.status_code == 404
    assert b"ds-heading" in response.content


def test_signing_out_returns_to_the_front_page(client, link):
    sign_in(client, link)
    response = client.post(reverse("portal:sign_out"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:front_page")
    assert not signed_in_user(client).is_authenticated


def test_every_invitation_state_is_covered_by_the_model():
    moment = timezone.now()
    invitation = PortalInvitation(created_at=moment, expires_at=moment + dt.timedelta(days=1))
    assert invitation.state_at(moment) == "active"
    assert invitation.state_at(moment + dt.timedelta(days=2)) == "expired"


def test_a_link_signs_in_to_the_account_the_person_has_now(client, link, ola, kari):
    """ID-porten may join one person's records under one account after the link was made."""
    joined = party_services.portal_user_for(participant=Participant(kari))
    ola.user = joined
    ola.save()
    sign_in(client, link)
    assert signed_in_user(client) == joined


def test_a_newer_link_ends_the_session_the_older_one_opened(client, alice, link, ola):
    sign_in(client, link)
    party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    assert not signed_in_user(client).is_authenticated


def test_revoking_a_link_ends_the_persons_sessions(client, alice, link, ola):
    sign_in(client, link)
    now = timezone.now()
    unused = PortalInvitation.objects.create(
        party=ola, user=link.invitation.user, created_at=now, expires_at=now + dt.timedelta(days=1)
    )
    party_services.revoke_invitation(actor=alice, invitation=unused)
    assert not signed_in_user(client).is_authenticated


def test_signing_in_stamps_the_session_for_its_time_limits(client, link):
    sign_in(client, link)
    session = client.session
    assert session["portal_signed_in_at"] == session["portal_seen_at"] > 0

"""How long a portal session lasts, and what the person is told when it ends."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib.sessions.backends.base import SessionBase
from django.urls import reverse
from django.utils import timezone

from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.portal.middleware import SEEN_AT


@pytest.fixture
def start():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def sign_in_with_link(client, link):
    parts = urlsplit(link.url)
    return client.post(parts.path, {"token": parts.query.split("token=", 1)[1]})


@pytest.fixture
def as_ola(client, alice, ola, start):
    sign_in_with_link(
        client, party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    )
    return client


def home(client):
    return client.get(reverse("portal:home"))


def help_page(client):
    return client.get(reverse("portal:sign_in_help")).content.decode()


def test_a_session_in_use_lasts(as_ola, start):
    for _ in range(10):
        start.shift(dt.timedelta(minutes=20))
        assert home(as_ola).wsgi_request.user.is_authenticated


def test_thirty_minutes_without_activity_signs_out_and_the_page_says_why(as_ola, start):
    start.shift(dt.timedelta(minutes=29))
    assert home(as_ola).wsgi_request.user.is_authenticated
    start.shift(dt.timedelta(minutes=30))
    response = home(as_ola)
    assert not response.wsgi_request.user.is_authenticated
    assert response["Location"].startswith(reverse("portal:sign_in_help"))
    page = help_page(as_ola)
    assert "Du ble logget ut fordi du ikke hadde vært aktiv på 30 minutter" in page
    assert reverse("portal:request_link") in page
    assert "logget ut fordi" not in help_page(as_ola)  # said once


def test_eight_hours_after_signing_in_the_session_ends_even_in_use(as_ola, start, settings):
    for _ in range(16):
        start.shift(dt.timedelta(minutes=29))
        assert home(as_ola).wsgi_request.user.is_authenticated
    start.shift(dt.timedelta(minutes=29))  # 8 hours and 13 minutes after signing in
    assert not home(as_ola).wsgi_request.user.is_authenticated
    assert "etter 8 timer" in help_page(as_ola)


def test_the_limits_are_settings(as_ola, start, settings):
    settings.MEKLE_PORTAL_IDLE_MINUTES = 5
    start.shift(dt.timedelta(minutes=6))
    assert not home(as_ola).wsgi_request.user.is_authenticated


def test_the_session_is_written_at_most_once_a_minute(as_ola, start, monkeypatch):
    saves = []
    original = SessionBase.__setitem__

    def counting(self, key, value):
        if key == SEEN_AT:
            saves.append(value)
        original(self, key, value)

    monkeypatch.setattr(SessionBase, "__setitem__", counting)
    for _ in range(5):
        start.shift(dt.timedelta(seconds=10))
        home(as_ola)
    assert saves == []
    start.shift(dt.timedelta(seconds=15))
    home(as_ola)
    assert len(saves) == 1


def test_withdrawing_keeps_the_session_so_the_person_sees_what_happened(as_ola, case, start):
    response = as_ola.post(reverse("portal:withdraw", args=[case.reference]), {"reason": ""})
    assert response["Location"] == reverse("portal:withdrawn", args=[case.reference])
    page = as_ola.get(response["Location"])
    assert page.status_code == 200
    assert page.wsgi_request.user.is_authenticated


def test_a_new_link_signs_out_and_the_page_says_so(as_ola, alice, ola):
    party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    assert not home(as_ola).wsgi_request.user.is_authenticated
    assert "ny innloggingslenke" in help_page(as_ola)


def test_ended_access_is_explained_rather_than_a_bare_sign_in_page(as_ola, alice, ola):
    party_services.end_portal_access(actor=alice, participant=Participant(ola))
    assert not home(as_ola).wsgi_request.user.is_authenticated
    page = help_page(as_ola)
    assert "Tilgangen din til saken er avsluttet" in page
    assert "kontoret" in page


def test_staff_sessions_are_not_timed_out_here(client, alice, start, case, settings):
    settings.MEKLE_STAFF_SESSION_IDLE_MINUTES = 24 * 60  # staff limits are mekle.signin's (its tests)
    client.force_login(alice)
    start.shift(dt.timedelta(hours=2))
    assert client.get(reverse("workspace:case_list")).status_code == 200


def test_a_signed_out_staff_session_gets_no_portal_reason(client, alice, start):
    client.force_login(alice)
    alice.set_password("new-password")
    alice.save()
    client.get(reverse("workspace:case_list"))
    assert client.get(reverse("portal:sign_in_help")).context["reason"] == ""


def test_a_deactivated_portal_account_is_signed_out_once_and_told(as_ola, ola):
    ola.refresh_from_db()
    ola.user.is_active = False
    ola.user.save()
    assert not home(as_ola).wsgi_request.user.is_authenticated
    assert "_auth_user_id" not in as_ola.session
    assert "Tilgangen din til saken er avsluttet" in help_page(as_ola)

"""My sessions: the person's own list of where they are signed in, and ending the others."""

import pytest
from django.test import Client
from django.urls import reverse

from mekle.signin.models import StaffAuditEntry, StaffAuditKind, StaffSession

PAGE = reverse("workspace:my_sessions")
END_OTHERS = reverse("workspace:end_other_sessions")


def browser(user, user_agent=""):
    client = Client(headers={"User-Agent": user_agent})
    client.force_login(user)
    StaffSession.objects.filter(session_key=client.session.session_key).update(
        browser="Safari" if "iPhone" in user_agent else "Firefox" if user_agent else "",
        system="iPhone" if "iPhone" in user_agent else "Linux" if user_agent else "",
        ip_address="192.0.2.9" if user_agent else None,
    )
    return client


def row_of(client):
    return StaffSession.objects.get(session_key=client.session.session_key)


def end(client, other):
    return client.post(reverse("workspace:end_session", args=[row_of(other).pk]))


def is_signed_in(client):
    return client.get(reverse("healthz")).wsgi_request.user.is_authenticated


@pytest.fixture
def here(alice):
    return browser(alice, "Firefox/140 (X11; Linux)")


@pytest.fixture
def phone(alice):
    return browser(alice, "iPhone Safari/604")


def test_the_page_lists_the_persons_sessions_this_one_marked(here, phone, bob, django_assert_max_num_queries):
    browser(bob)
    with django_assert_max_num_queries(6):
        response = here.get(PAGE)

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in page
    assert "Mine pålogginger" in page
    assert page.count("Denne nettleseren") == 1
    assert "Firefox på Linux" in page
    assert "Safari på iPhone" in page
    assert "192.0.2.9" in page
    assert page.count('action="/workspace/sessions/') == 2  # end the phone's; end all others
    assert reverse("workspace:end_session", args=[row_of(phone).pk]) in page
    assert here.session.session_key not in page
    assert phone.session.session_key not in page
    assert len(response.context["rows"]) == 2  # bob's session is not listed


def test_the_header_links_to_the_page_for_staff(here):
    assert f'href="{PAGE}"' in here.get(reverse("workspace:home")).content.decode()


def test_the_header_has_no_such_link_for_a_party(client, ola_user):
    client.force_login(ola_user)
    assert PAGE not in client.get(reverse("portal:home")).content.decode()


def test_ending_one_session_signs_out_that_browser_only(here, phone, alice):
    other = browser(alice)
    response = end(here, phone)

    assert response.status_code == 302
    assert response["Location"] == PAGE
    assert not is_signed_in(phone)
    assert is_signed_in(here)
    assert is_signed_in(other)
    assert "Påloggingen er avsluttet." in here.get(PAGE).content.decode()
    entry = StaffAuditEntry.objects.get(kind=StaffAuditKind.SESSION_ENDED)
    assert (entry.user, entry.actor) == (alice, None)
    assert entry.detail.startswith("ended by the person from their list of sessions; Safari on iPhone, from 192.0.2.9")


def test_ending_all_others_keeps_this_one(here, phone, alice):
    other = browser(alice)
    response = here.post(END_OTHERS)

    assert response.status_code == 302
    assert not is_signed_in(phone)
    assert not is_signed_in(other)
    assert is_signed_in(here)
    assert list(StaffSession.objects.filter(user=alice)) == [row_of(here)]
    assert "2 andre pålogginger ble avsluttet." in here.get(PAGE).content.decode()
    assert StaffAuditEntry.objects.filter(kind=StaffAuditKind.SESSION_ENDED).count() == 2


def test_with_no_other_sessions_there_is_nothing_to_end(here):
    assert "Avslutt alle andre" not in here.get(PAGE).content.decode()
    here.post(END_OTHERS)
    assert "Du hadde ingen andre pålogginger å avslutte." in here.get(PAGE).content.decode()
    assert is_signed_in(here)


def test_the_session_in_use_is_ended_by_signing_out_not_here(here):
    response = end(here, here)
    assert response.status_code == 302
    assert is_signed_in(here)
    assert "Logg ut for å avslutte den." in here.get(PAGE).content.decode()
    assert not StaffAuditEntry.objects.filter(kind=StaffAuditKind.SESSION_ENDED).exists()


def test_nobody_can_end_another_persons_session(here, bob):
    bobs = browser(bob)
    response = end(here, bobs)
    assert response.status_code == 404
    assert is_signed_in(bobs)
    assert StaffSession.objects.filter(user=bob).exists()
    assert not StaffAuditEntry.objects.filter(kind=StaffAuditKind.SESSION_ENDED).exists()


def test_ending_needs_a_post(here, phone):
    assert here.get(reverse("workspace:end_session", args=[row_of(phone).pk])).status_code == 405
    assert here.get(END_OTHERS).status_code == 405
    assert is_signed_in(phone)


def test_an_unknown_session_is_not_found(here):
    assert here.post(reverse("workspace:end_session", args=[999999])).status_code == 404


def test_the_forms_need_the_csrf_token(alice, phone):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    assert strict.post(END_OTHERS).status_code == 403
    assert is_signed_in(phone)


def test_a_session_that_ran_out_is_not_listed(here, phone, settings):
    StaffSession.objects.filter(pk=row_of(phone).pk).update(last_seen_at="2000-01-01T00:00Z")
    assert "Safari på iPhone" not in here.get(PAGE).content.decode()


def test_an_administrator_without_a_workspace_has_the_page_too(db):
    from mekle.testing.cast import make_user

    client = browser(make_user("root", is_staff=True, is_superuser=True))
    assert client.get(PAGE).status_code == 200

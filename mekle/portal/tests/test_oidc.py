"""Signing in to the portal with ID-porten, end to end against a real OpenID provider on 127.0.0.1.

oidc-provider-mock runs in a thread: the Django client starts the flow, `requests` plays the
browser at the provider (it submits the authorisation form with a subject), and the Django client
takes the redirect back to /oidc/callback/. The backend fetches tokens and keys over HTTP.
"""

import json
import threading
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

import oidc_provider_mock
import pytest
import requests
import werkzeug.serving
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.template.loader import render_to_string
from django.test import RequestFactory

from mekle.accounts.models import Role, User
from mekle.cases.models import CaseEvent
from mekle.portal.oidc import PortalOIDCBackend

OLA_PID = "17058040061"
UNKNOWN_PID = "01019040034"
BACKEND = f"{PortalOIDCBackend.__module__}.{PortalOIDCBackend.__qualname__}"
FAILED_URL = "/portal/sign-in/id-porten-failed/"

# authlib, inside the mock provider, warns about its own deprecated API on every token it issues.
pytestmark = pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """A real OpenID provider (oidc-provider-mock) on a free port of 127.0.0.1, for this module's tests."""
    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(require_nonce=True), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


@pytest.fixture
def oidc(settings, provider):
    settings.MEKLE_OIDC_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]
    settings.OIDC_RP_CLIENT_ID = "mekle-test"
    settings.OIDC_RP_CLIENT_SECRET = "mekle-test-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/oauth2/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/oauth2/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/jwks"
    # The mock signs without a `kid` header (ID-porten sends one); its JWKS holds its one key, which
    # the backend still checks the signature against.
    settings.OIDC_VERIFY_KID = False
    return provider


@pytest.fixture
def english(client, settings):
    """Read pages in English, so the assertions do not depend on the compiled translations."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def person_at_provider(provider, sub, **claims):
    response = requests.put(f"{provider}/users/{sub}", json=claims, timeout=5)
    assert response.status_code == 204, response.text


def sign_in_at_provider(client, provider, sub):
    """Start at /oidc/authenticate/, authorise `sub` in the provider's form, return the callback's response."""
    start = client.get("/oidc/authenticate/")
    assert start.status_code == 302
    authorize_url = start["Location"]
    assert authorize_url.startswith(f"{provider}/oauth2/authorize?")
    query = dict(parse_qsl(urlsplit(authorize_url).query))
    assert query["redirect_uri"] == "http://testserver/oidc/callback/"
    assert query["acr_values"] == "idporten-loa-substantial"
    assert query["code_challenge_method"] == "S256"
    form = requests.get(authorize_url, timeout=5)
    assert form.status_code == 200
    assert 'name="sub"' in form.text
    answer = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["Location"])
    assert (back.netloc, back.path) == ("testserver", "/oidc/callback/")
    return client.get(back.path, dict(parse_qsl(back.query)))


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def test_a_party_signs_in_and_every_record_with_their_number_is_linked(client, oidc, case, minor_case):
    ola = case.parties.get(full_name="Ola Nordmann")
    hanne = minor_case.parties.get(full_name="Emil Olsen").guardians.get()
    ola.national_id = hanne.national_id = OLA_PID  # the same person: a party here, a guardian there
    ola.save()
    hanne.save()
    person_at_provider(oidc, "ola", pid=OLA_PID, acr="idporten-loa-high")

    response = sign_in_at_provider(client, oidc, "ola")

    assert response.status_code == 302
    assert response["Location"] == "/portal/"
    ola.refresh_from_db()
    hanne.refresh_from_db()
    user = ola.user
    assert user is not None
    assert hanne.user == user
    assert user.role == Role.PARTY
    assert not user.has_usable_password()
    assert str(signed_in_user_id(client)) == str(user.pk)
    assert client.session[BACKEND_SESSION_KEY] == BACKEND
    assert case.parties.get(full_name="Kari Nordmann").user is None
    events = CaseEvent.objects.filter(kind="portal_account_linked").order_by("case_id")
    assert [(e.case_id, e.actor_id, e.payload) for e in events] == [
        (case.pk, user.pk, {"party_id": ola.pk, "guardian_id": None, "name": "Ola Nordmann"}),
        (minor_case.pk, user.pk, {"party_id": hanne.party_id, "guardian_id": hanne.pk, "name": "Hanne Olsen"}),
    ]
    assert OLA_PID not in json.dumps([e.payload for e in CaseEvent.objects.all()])


def test_signing_in_again_uses_the_same_account_and_records_nothing_new(client, oidc, case):
    ola = case.parties.get(full_name="Ola Nordmann")
    ola.national_id = OLA_PID
    ola.save()
    person_at_provider(oidc, "ola-twice", pid=OLA_PID, acr="idporten-loa-substantial")
    sign_in_at_provider(client, oidc, "ola-twice")
    client.logout()

    response = sign_in_at_provider(client, oidc, "ola-twice")

    assert response["Location"] == "/portal/"
    assert User.objects.filter(role=Role.PARTY).count() == 1
    assert str(signed_in_user_id(client)) == str(User.objects.get(role=Role.PARTY).pk)
    assert CaseEvent.objects.filter(kind="portal_account_linked").count() == 1


def test_a_person_with_no_case_lands_on_the_failure_page_and_is_not_signed_in(english, oidc, case):
    person_at_provider(oidc, "stranger", pid=UNKNOWN_PID, acr="idporten-loa-high")

    response = sign_in_at_provider(english, oidc, "stranger")

    assert response.status_code == 302
    assert response["Location"] == FAILED_URL
    assert signed_in_user_id(english) is None
    assert not User.objects.filter(role=Role.PARTY).exists()
    assert not CaseEvent.objects.filter(kind="portal_account_linked").exists()
    page = english.get(FAILED_URL)
    assert page.status_code == 200
    assert "we found no case where you are registered" in page.content.decode()
    assert "Contact the mediation service office that handles your case" in page.content.decode()


@pytest.mark.parametrize("acr", ["idporten-loa-low", None])
def test_a_security_level_below_the_accepted_ones_is_refused(english, oidc, case, acr):
    ola = case.parties.get(full_name="Ola Nordmann")
    ola.national_id = OLA_PID
    ola.save()
    claims = {"pid": OLA_PID} | ({"acr": acr} if acr else {})
    person_at_provider(oidc, f"ola-{acr}", **claims)

    response = sign_in_at_provider(english, oidc, f"ola-{acr}")

    assert response["Location"] == FAILED_URL
    assert signed_in_user_id(english) is None
    ola.refresh_from_db()
    assert ola.user is None
    assert not CaseEvent.objects.filter(kind="portal_account_linked").exists()
    assert "does not give a high enough security level" in english.get(FAILED_URL).content.decode()


def test_an_invalid_national_identity_number_in_the_pid_claim_is_refused(client, oidc, case):
    ola = case.parties.get(full_name="Ola Nordmann")
    ola.national_id = "17058040000"  # bad check digits, as a typing error would give
    ola.save()
    person_at_provider(oidc, "forged", pid="17058040000", acr="idporten-loa-high")

    response = sign_in_at_provider(client, oidc, "forged")

    assert response["Location"] == FAILED_URL
    assert signed_in_user_id(client) is None
    ola.refresh_from_db()
    assert ola.user is None


def test_only_the_accepted_levels_from_the_settings_count(client, oidc, settings, case):
    settings.MEKLE_OIDC_ACR_VALUES = ["idporten-loa-high"]
    ola = case.parties.get(full_name="Ola Nordmann")
    ola.national_id = OLA_PID
    ola.save()
    person_at_provider(oidc, "ola-minid", pid=OLA_PID, acr="idporten-loa-substantial")

    response = sign_in_at_provider(client, oidc, "ola-minid")

    assert response["Location"] == FAILED_URL
    assert signed_in_user_id(client) is None


def test_switched_off_the_oidc_urls_answer_404_and_no_button_shows(client, oidc, settings):
    settings.MEKLE_OIDC_ENABLED = False

    for url in ("/oidc/authenticate/", "/oidc/callback/?code=x&state=y", "/oidc/logout/"):
        assert client.get(url).status_code == 404, url
    assert "/oidc/authenticate/" not in client.get(FAILED_URL).content.decode()
    assert "/oidc/authenticate/" not in render_to_string("portal/_oidc_button.html", request=RequestFactory().get("/"))


def test_switched_on_the_button_links_to_the_provider_and_keeps_where_the_person_was_going(client, oidc):
    html = render_to_string("portal/_oidc_button.html", {"next": "/portal/cases/OSL-1/"}, RequestFactory().get("/"))
    assert 'href="/oidc/authenticate/?next=/portal/cases/OSL-1/"' in html
    assert 'href="/oidc/authenticate/"' in client.get(FAILED_URL).content.decode()


def test_oidc_is_off_by_default():
    from mekle import settings as project_settings

    assert project_settings.MEKLE_OIDC_ENABLED is False
    assert BACKEND not in project_settings.AUTHENTICATION_BACKENDS


def test_a_password_sign_in_never_reaches_the_provider(client, oidc, alice):
    assert client.login(username="alice", password="pw-alice")
    assert client.session[BACKEND_SESSION_KEY] != BACKEND

"""Headers and cookies as production sends them, to a client behind the documented proxy.

Every response tells the browser to use HTTPS from now on (HSTS), what the page may load (CSP),
which powerful features it may not use, to send no referrer off the site and not to sniff types; and
every page or download that shows a case, a person or a record is kept in no cache (no-store).
"""

import json

import pytest
from django.test import Client
from django.urls import reverse

from mekle.agreements import services as agreement_services
from mekle.dialogue.models import GoodFaithRecord
from mekle.testing.agreement_rows import approved_version
from mekle.testing.api import make_world
from mekle.testing.production import PUBLIC_HOST

STRICT_POLICY = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
}


def directives(response) -> set[str]:
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


def assert_secure_headers(response) -> None:
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert directives(response) >= STRICT_POLICY
    assert not any("unsafe" in directive for directive in directives(response))
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def assert_not_kept(response) -> None:
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control, response["Cache-Control"]


def test_plain_http_is_sent_to_https(production):
    response = Client(HTTP_HOST=PUBLIC_HOST, headers={"X-Forwarded-Proto": "http"}).get("/login/")
    assert response.status_code == 301
    assert response["Location"] == f"https://{PUBLIC_HOST}/login/"


def test_the_health_check_answers_over_plain_http(production, db):
    assert Client(HTTP_HOST=PUBLIC_HOST).get("/healthz/").status_code == 200


def test_the_case_page_carries_every_header_and_is_not_kept(https_client, alice, case):
    https_client.force_login(alice)
    response = https_client.get(reverse("workspace:case_page", args=[case.reference]))
    assert response.status_code == 200
    assert_secure_headers(response)
    assert_not_kept(response)


def test_the_party_page_is_not_kept(https_client, alice, case, ola):
    https_client.force_login(alice)
    response = https_client.get(reverse("workspace:party_page", args=[case.reference, ola.pk]))
    assert response.status_code == 200
    assert_secure_headers(response)
    assert_not_kept(response)


def test_the_agreement_pdf_is_not_kept(https_client, alice, case, mia):
    (document,) = agreement_services.create_agreement_documents(approved_version(case, mediator=mia))
    https_client.force_login(alice)
    response = https_client.get(reverse("workspace:agreement_document", args=[case.reference, document.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert_secure_headers(response)
    assert_not_kept(response)


def test_the_good_faith_record_downloads_are_not_kept(https_client, case, ola_user):
    https_client.force_login(ola_user)
    assert https_client.post(reverse("portal:goodfaith_record", args=[case.reference])).status_code == 302
    code = GoodFaithRecord.objects.latest("created_at").code
    for fmt, content_type in (("pdf", "application/pdf"), ("json", "application/json")):
        response = https_client.get(reverse("portal:goodfaith_record_download", args=[case.reference, code, fmt]))
        assert response["Content-Type"].startswith(content_type)
        assert_secure_headers(response)
        assert_not_kept(response)


def test_the_portal_case_page_is_not_kept(https_client, case, ola_user):
    https_client.force_login(ola_user)
    response = https_client.get(reverse("portal:case", args=[case.reference]))
    assert response.status_code == 200
    assert_not_kept(response)


def test_an_api_answer_is_not_kept(https_client, office_a, office_b):
    keys = make_world(office_a, office_b)
    response = https_client.get("/api/v1/outcomes", **keys["police"].headers)
    assert response.status_code == 200
    assert isinstance(json.loads(response.content), dict | list)
    assert_secure_headers(response)
    assert_not_kept(response)


def test_a_refusal_is_not_kept_either(https_client, bob, case):
    https_client.force_login(bob)
    response = https_client.get(reverse("workspace:case_page", args=[case.reference]))
    assert response.status_code == 404
    assert_not_kept(response)


@pytest.mark.parametrize("name", ["portal:front_page", "portal:help_start", "portal:help_emergency"])
def test_public_pages_may_be_kept_by_the_browser_alone(https_client, db, name):
    response = https_client.get(reverse(name))
    assert response.status_code == 200
    assert_secure_headers(response)
    assert response["Cache-Control"] == "private"


def test_a_public_page_is_not_kept_for_someone_signed_in(https_client, case, ola_user):
    """The header of every page names the person signed in."""
    https_client.force_login(ola_user)
    assert_not_kept(https_client.get(reverse("portal:help_start")))


def test_sign_in_through_the_proxy_passes_csrf_and_sets_host_cookies(production, alice):
    """Behind the TLS proxy a POST with the browser's Origin passes the CSRF check as it is."""
    browser = Client(HTTP_HOST=PUBLIC_HOST, headers={"X-Forwarded-Proto": "https"}, enforce_csrf_checks=True)
    form = browser.get(reverse("login"))
    csrf = form.cookies["__Host-csrftoken"]
    assert csrf["secure"] is True
    assert csrf["path"] == "/"
    assert not csrf["domain"]
    assert csrf["httponly"] is True
    assert csrf["samesite"] == "Lax"
    response = browser.post(
        reverse("login"),
        {"username": "alice", "password": "pw-alice", "csrfmiddlewaretoken": csrf.value},
        headers={"Origin": f"https://{PUBLIC_HOST}"},
    )
    assert response.status_code == 302
    session = response.cookies["__Host-sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["path"] == "/"
    assert not session["domain"]
    assert session["samesite"] == "Lax"
    assert "sessionid" not in response.cookies
    assert "csrftoken" not in response.cookies


def test_a_post_from_another_origin_is_refused(production, alice):
    browser = Client(HTTP_HOST=PUBLIC_HOST, headers={"X-Forwarded-Proto": "https"}, enforce_csrf_checks=True)
    csrf = browser.get(reverse("login")).cookies["__Host-csrftoken"].value
    response = browser.post(
        reverse("login"),
        {"username": "alice", "password": "pw-alice", "csrfmiddlewaretoken": csrf},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert "__Host-sessionid" not in response.cookies


def test_static_files_may_be_cached(production, settings):
    settings.WHITENOISE_USE_FINDERS = True  # as with DEBUG; collectstatic's copy is answered the same way
    response = Client(HTTP_HOST=PUBLIC_HOST, headers={"X-Forwarded-Proto": "https"}).get("/static/mekle/mekle.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")

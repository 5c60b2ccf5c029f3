"""Error pages speak the user's language and never show a stack trace."""

from unittest.mock import Mock

import pytest
from django.test import Client
from django.urls import path, reverse

from mekle.workspace.views import errors


def test_a_form_without_its_csrf_token_gets_a_plain_explanation(alice, case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(reverse("workspace:start_assessment", args=[case.reference]))
    assert response.status_code == 403
    assert "<html" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "received"


def test_an_unknown_case_is_a_friendly_404(client, alice):
    client.force_login(alice)
    response = client.get(reverse("workspace:case_page", args=["NOPE-2026-00001"]))
    assert response.status_code == 404
    assert "Mekle" in response.content.decode()


def test_a_request_django_cannot_take_gets_a_plain_400_page(client):
    response = client.get("/", headers={"host": "not-an-allowed-host.example"})
    assert response.status_code == 400
    assert "Forespørselen var ikke fullstendig eller ikke gyldig." in response.content.decode()


def boom(request):
    raise RuntimeError("a bug")


# A URL configuration with a view that fails, beside Mekle's own pages and error handlers.
urlpatterns = [path("boom/", boom)]
handler404 = "mekle.workspace.views.errors.not_found"
handler500 = "mekle.workspace.views.errors.server_error"


def in_language(client, language):
    client.cookies["django_language"] = language
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    ("language", "heading"), [("nb", "Vi fant ikke siden"), ("nn", "Vi fann ikkje sida"), ("en", "We could not find")]
)
def test_an_unknown_address_gets_mekles_own_404_in_the_chosen_language(client, settings, db, language, heading):
    settings.DEBUG = False
    response = in_language(client, language).get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}"' in body
    assert heading in body
    assert "Technical details" not in body
    assert "Using the URLconf" not in body


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("language", "heading"), [("nb", "Noe gikk galt"), ("nn", "Noko gjekk gale"), ("en", "Something went wrong")]
)
def test_a_failing_page_gets_mekles_own_500_in_the_chosen_language(client, settings, db, language, heading):
    settings.DEBUG = False
    response = in_language(client, language).get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{language}"' in body
    assert f'<h1 class="ds-heading" data-size="lg">{heading}</h1>' in body
    assert "a bug" not in body
    assert "Traceback" not in body


@pytest.mark.urls(__name__)
def test_the_500_page_falls_back_to_plain_text_when_it_cannot_be_rendered(client, settings, db, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setattr(
        "mekle.workspace.views.errors.loader.render_to_string", Mock(side_effect=ValueError("no manifest"))
    )
    response = in_language(client, "en").get("/boom/")
    assert response.status_code == 500
    assert response.content.decode() == errors.PLAIN_SERVER_ERROR

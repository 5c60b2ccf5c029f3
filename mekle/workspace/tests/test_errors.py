"""Error pages speak the user's language and never show a stack trace."""

from django.test import Client
from django.urls import reverse


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

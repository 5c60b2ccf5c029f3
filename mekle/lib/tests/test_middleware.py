"""Bokmål first, whatever the browser says; an explicit choice is remembered."""

from django.urls import reverse


def test_an_english_browser_still_gets_bokmal(client):
    response = client.get(reverse("login"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="nb"' in response.content.decode()
    assert response["Content-Language"] == "nb"


def test_a_chosen_language_is_used(client):
    client.cookies["django_language"] = "nn"
    assert '<html lang="nn"' in client.get(reverse("login")).content.decode()


def test_an_unknown_language_cookie_falls_back_to_bokmal(client):
    client.cookies["django_language"] = "xx"
    assert '<html lang="nb"' in client.get(reverse("login")).content.decode()

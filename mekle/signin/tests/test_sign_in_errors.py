"""The staff sign-in page sent back: one error summary, "Error:" in the title, and words that say
what to do (an empty form is not called a wrong password)."""

import re

from django.urls import reverse


def _summary(html):
    [summary] = re.findall(r"data-error-summary.*?</div>", html, flags=re.S)
    return summary


def test_an_empty_sign_in_asks_for_the_name_and_the_password(client, db):
    response = client.post(reverse("login"), {"username": "", "password": ""}, HTTP_ACCEPT_LANGUAGE="nb")
    html = response.content.decode()
    assert "<title>Feil: " in html
    summary = _summary(html)
    assert 'href="#id_username"' in summary
    assert "Skriv inn brukernavnet ditt." in summary
    assert 'href="#id_password"' in summary
    assert "Skriv inn passordet ditt." in summary
    assert "er feil" not in summary
    assert 'aria-describedby="id_username_error"' in html
    assert 'id="id_username_error"' in html


def test_a_wrong_password_is_said_once(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"}, HTTP_ACCEPT_LANGUAGE="nb")
    html = response.content.decode()
    assert html.count("Brukernavnet eller passordet er feil. Prøv igjen.") == 1
    assert html.count("data-error-summary") == 1

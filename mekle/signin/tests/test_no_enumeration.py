"""The sign-in page never tells whether a user name exists: not when wrong, not when locked."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from mekle.signin import services

HERE = "192.0.2.10"


def page_for(client, username, password="wrong-password", address=HERE):
    response = client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)
    text = response.content.decode()
    # The CSRF token is masked afresh on every page; everything else must be the same.
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"|"X-CSRFToken": "[^"]*"', "CSRF", text)
    return response.status_code, text.replace(f'value="{username}"', 'value="NAME"')


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.mark.django_db
def test_an_unknown_name_and_a_wrong_password_get_the_same_page(client, alice):
    known = page_for(client, "alice")
    unknown = page_for(client, "nobody")

    assert known == unknown
    assert "Brukernavnet eller passordet er feil" in known[1]


@pytest.mark.django_db
def test_a_locked_name_gets_the_same_page_whether_anybody_has_it_or_not(client, alice):
    for _ in range(9):
        page_for(client, "alice")
        page_for(client, "nobody")
    tenth = page_for(client, "alice"), page_for(client, "nobody")
    assert tenth[0] == tenth[1]

    known = page_for(client, "alice", "pw-alice")
    unknown = page_for(client, "nobody", "pw-alice")

    assert known == unknown
    assert "Prøv igjen senere" in known[1]
    assert "Brukernavnet eller passordet er feil" not in known[1]


@pytest.mark.django_db
def test_a_whole_address_blocked_says_the_same_for_every_name(client, alice):
    for number in range(30):
        services.record_failed_sign_in(username=f"guess{number}", ip_address=HERE)

    assert page_for(client, "alice", "pw-alice") == page_for(client, "someone-else", "pw-alice")


@pytest.mark.django_db
def test_the_locked_page_is_translated(client, alice, settings):
    for _ in range(10):
        page_for(client, "alice")

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    assert "Prøv igjen seinare" in page_for(client, "alice")[1]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Try again later" in page_for(client, "alice")[1]

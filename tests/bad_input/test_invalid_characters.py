"""A NUL byte or another control character anywhere in an address, a query or a form is answered
400 with a page in the person's language (JSON for the API), never 500, and changes nothing.

PostgreSQL refuses NUL in text, so these tests matter most there: run them with DATABASE_URL too.
Every request runs in a savepoint, so a 500 from the database is reported as such, not as a broken
test transaction.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from mekle.cases.models import CaseEvent
from mekle.testing.cast import portal_user_of

from .routes import routes

READ_FAILED = "Vi kunne ikke lese det du sendte"


def send(client, method, path, data=None):
    with transaction.atomic():
        return getattr(client, method)(path, data)


@pytest.fixture
def clients(alice, ola):
    signed_in = {"anonymous": Client(raise_request_exception=False)}
    for name, user in (("alice", alice), ("ola", portal_user_of(ola))):
        signed_in[name] = Client(raise_request_exception=False)
        signed_in[name].force_login(user)
    return signed_in


def test_a_nul_in_a_case_reference_is_a_norwegian_400_not_a_500(clients, case):
    path = reverse("workspace:case_page", args=[case.reference + "\x00"])
    response = send(clients["alice"], "get", path)
    assert response.status_code == 400
    assert READ_FAILED in response.content.decode()
    assert '<html lang="nb"' in response.content.decode()


def test_the_page_speaks_the_chosen_language(clients, case):
    client = clients["ola"]
    client.cookies["django_language"] = "nn"
    response = send(client, "get", reverse("portal:case", args=[case.reference]) + "?x=%00")
    assert response.status_code == 400
    assert "Vi kunne ikkje lese det du sende" in response.content.decode()


def test_a_nul_in_an_api_address_is_a_json_400(clients, case):
    response = send(clients["anonymous"], "get", f"/api/v1/referrals/{case.reference}%00")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "characters"
    assert response.json()["error"]["message"] == "Forespørselen inneholder et tegn som ikke er tillatt."


@pytest.mark.parametrize("query", ["next=%00", "page=1%00", "%00=1", "token=%01abc", "receipt=%1b"])
def test_a_control_character_in_the_query_is_a_400(clients, query):
    response = send(clients["anonymous"], "get", reverse("portal:sign_in_help") + "?" + query)
    assert response.status_code == 400
    assert READ_FAILED in response.content.decode()


def test_a_nul_in_a_form_field_is_a_400_and_changes_nothing(clients, case):
    before = CaseEvent.objects.count()
    path = reverse("workspace:start_assessment", args=[case.reference])
    response = send(clients["alice"], "post", path, {"note": "ok\x00"})
    assert response.status_code == 400
    assert READ_FAILED in response.content.decode()
    assert CaseEvent.objects.count() == before


def test_text_with_line_breaks_and_tabs_is_still_text(clients):
    response = send(clients["anonymous"], "get", reverse("portal:help_start") + "?x=a%09b%0Ac%0D")
    assert response.status_code == 200


def test_a_cookie_holding_a_nul_is_dropped_not_refused(clients, case):
    client = clients["anonymous"]
    client.cookies["sessionid"] = "abc\x00def"
    response = send(client, "get", reverse("portal:front_page"))
    assert response.status_code == 200


@pytest.mark.slow
def test_every_route_answers_a_nul_with_400_for_everyone(clients, case):
    """Every route of the URL configuration, as anonymous, staff and party: a NUL in each text part of
    the address, in the query, and in a form field. Nothing is recorded."""
    before = CaseEvent.objects.count()
    wrong = []
    for route in routes():
        valid = route.path(case.reference)
        tries = [("get", valid + "?next=%00&page=%00&q=%00", None), ("post", valid, {"text": "a\x00", "token": "\x00"})]
        if route.has_text_part:
            tries += [("get", route.path(case.reference + "\x00"), None), ("post", route.path("\x00"), None)]
        for who, client in clients.items():
            for method, path, data in tries:
                status = send(client, method, path, data).status_code
                refusable = not route.name.startswith("api-v1:") or method == "get" or data is None
                if status != 400 and (refusable or status >= 500):
                    wrong.append((route.name, who, method, path, status))
    assert wrong == []
    assert CaseEvent.objects.count() == before

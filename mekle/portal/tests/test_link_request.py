"""Asking for a new sign-in link: the same answer for every address, a link only to a known one."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from mekle.parties.models import PortalInvitation

pytestmark = pytest.mark.django_db

ASK = reverse("portal:request_link")
SENT = reverse("portal:link_sent")


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Ask for a link; the e-mail task runs as the request's transaction would commit."""

    def asking(email, website="", **meta):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(ASK, {"email": email, "website": website}, **meta)

    return asking


def link_in(message):
    (line,) = [line for line in message.body.splitlines() if "/portal/sign-in/" in line and "token=" in line]
    parts = urlsplit(line.strip())
    return parts.path, parts.query.split("token=", 1)[1]


def test_a_known_address_gets_one_email_with_a_link_that_signs_in(client, ask, invited_ola, mailoutbox):
    response = ask("OLA@example.no")
    assert response.status_code == 302
    assert response["Location"] == SENT
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ola@example.no"]
    assert invited_ola.case.events.order_by("-sequence").first().kind == "portal_link_requested"
    path, token = link_in(mailoutbox[0])
    assert client.post(path, {"token": token})["Location"] == reverse("portal:home")
    assert client.get(reverse("portal:home")).wsgi_request.user == invited_ola.user


def test_an_unknown_address_gets_the_same_answer_and_nothing_happens(client, ask, invited_ola, mailoutbox):
    known = ask("ola@example.no")
    events = invited_ola.case.events.count()
    invitations = PortalInvitation.objects.count()
    mailoutbox.clear()
    unknown = ask("nobody@example.no")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert mailoutbox == []
    assert invited_ola.case.events.count() == events
    assert PortalInvitation.objects.count() == invitations


def test_the_answer_page_is_the_same_for_everyone_and_gives_the_offices_phone_numbers(client, office_a, office_b):
    office_a.phone = "22 33 44 55"
    office_a.save()
    body = client.get(SENT).content.decode()
    assert "Har vi bare telefonnummeret ditt, ring kontoret ditt" in body
    assert "22 33 44 55" in body
    assert office_a.name in body
    assert office_b.name not in body  # no phone number to give


def test_a_robot_filling_the_hidden_field_gets_the_answer_and_nothing_is_sent(client, ask, invited_ola, mailoutbox):
    response = ask("ola@example.no", website="http://spam.example")
    assert response["Location"] == SENT
    assert mailoutbox == []


def test_one_address_is_answered_at_most_three_times_an_hour(client, ask, invited_ola, mailoutbox, settings):
    settings.MEKLE_LINK_REQUESTS_PER_HOUR = 3
    for _ in range(5):
        assert ask("ola@example.no")["Location"] == SENT
    assert len(mailoutbox) == 3


def test_one_client_address_is_heard_at_most_so_often(client, ask, invited_ola, mailoutbox, settings):
    settings.MEKLE_LINK_REQUESTS_PER_HOUR_PER_CLIENT = 2
    settings.MEKLE_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    for _ in range(3):
        ask("nobody@example.no", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert ask("ola@example.no", HTTP_X_FORWARDED_FOR="203.0.113.9")["Location"] == SENT
    assert mailoutbox == []
    ask("ola@example.no", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert len(mailoutbox) == 1


def test_an_invalid_address_is_explained_in_bokmaal_and_changes_nothing(client, ask, invited_ola, mailoutbox):
    response = ask("ikke-en-adresse")
    assert response.status_code == 400
    assert "e-postadresse" in response.content.decode()
    assert mailoutbox == []


@pytest.mark.parametrize("name", ["request_link", "sign_in_help", "link_problem"])
def test_id_porten_is_the_first_choice_when_it_is_on(client, settings, name):
    settings.MEKLE_OIDC_ENABLED = True
    url = reverse("portal:sign_in", args=[999]) + "?token=x" if name == "link_problem" else reverse(f"portal:{name}")
    body = client.get(url).content.decode()
    assert body.index("Logg inn med ID-porten") < body.index(
        reverse("portal:request_link") if name != "request_link" else "Send meg en lenke"
    )


def test_without_id_porten_there_is_no_id_porten_button(client):
    assert "ID-porten" not in client.get(ASK).content.decode()


def test_every_way_in_points_to_asking_for_a_new_link(client):
    for url in (
        reverse("portal:front_page"),
        reverse("portal:sign_in_help"),
        reverse("portal:sign_in", args=[999]) + "?token=x",
    ):
        assert ASK in client.get(url).content.decode(), url


def test_the_journal_shares_the_form_and_its_limits(client, settings, mailoutbox, django_capture_on_commit_callbacks):
    from mekle.journal import services as journal_services

    journal_services.create_journal_account(full_name="Nora Berg", email="nora@example.no")
    mailoutbox.clear()
    settings.MEKLE_LINK_REQUESTS_PER_HOUR_PER_CLIENT = 1
    url = reverse("portal:journal_request_link")
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"email": "nora@example.no"})
        assert response["Location"] == reverse("portal:journal_link_sent")
    assert len(mailoutbox) == 1  # the second came from the same client address within the hour

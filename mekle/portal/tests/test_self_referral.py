"""The public self-referral form: one case at the right office, and nothing at all on bad input."""

import pytest
from django.urls import reverse

from mekle.accounts.models import OfficeArea
from mekle.cases.models import Case, CaseEvent, Status
from mekle.parties.models import PortalInvitation
from mekle.referrals.models import SelfReferral

URL = reverse("portal:self_referral")

VALID = {
    "full_name": "Siri Vik",
    "email": "siri@example.no",
    "phone": "",
    "postcode": "5003",
    "description": "Naboen spiller høy musikk hver natt, og vi klarer ikke å snakke sammen.",
    "other_name": "Per i 3B",
    "other_phone": "41234567",
    "other_email": "",
    "other_address": "",
    "preferred_language": "nb",
    "other_language": "",
    "website": "",
}


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def areas(office_a, office_b):
    OfficeArea.objects.create(office=office_a, postcode_from="0001", postcode_to="1499")
    OfficeArea.objects.create(office=office_b, postcode_from="5000", postcode_to="5999")


def send(client, capture, **changes):
    with capture(execute=True):
        return client.post(URL, {**VALID, **changes})


def test_the_form_page_has_one_heading_labels_and_a_hidden_honeypot(client, db):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert '<label class="ds-label" for="id_postcode">' in html
    assert "<legend" in html
    honeypot = html.split('aria-hidden="true"', 1)[1].split("</div>", 1)[0]
    assert 'name="website"' in honeypot
    assert 'tabindex="-1"' in honeypot
    assert 'autocomplete="off"' in honeypot


def test_a_request_opens_one_received_case_at_the_postcodes_office_and_sends_one_link(
    client, areas, office_b, django_capture_on_commit_callbacks, mailoutbox
):
    response = send(client, django_capture_on_commit_callbacks, needs_interpreter="on")
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.office == office_b
    assert case.status == Status.RECEIVED
    requester, other = case.parties.order_by("pk")
    assert (requester.full_name, requester.email, requester.needs_interpreter) == ("Siri Vik", "siri@example.no", True)
    assert (other.full_name, other.phone) == ("Per i 3B", "41234567")
    assert PortalInvitation.objects.get().party == requester
    assert CaseEvent.objects.filter(case=case, kind="self_referral_received").count() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["siri@example.no"]
    assert SelfReferral.objects.get().ip_hash != "127.0.0.1"


def test_the_receipt_shows_the_reference_and_what_happens_next_but_nothing_else(
    client, areas, django_capture_on_commit_callbacks
):
    response = send(client, django_capture_on_commit_callbacks)
    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    case = Case.objects.get()
    assert case.reference in html
    assert "34" in html
    assert "Naboen spiller" not in html
    assert "Per i 3B" not in html
    assert html.count("<h1") == 1


def test_the_receipt_speaks_english_when_asked(client, areas, django_capture_on_commit_callbacks):
    client.cookies["django_language"] = "en"
    response = send(client, django_capture_on_commit_callbacks, preferred_language="en")
    html = client.get(response["Location"]).content.decode()
    assert "We have received your request" in html
    assert "five weeks" in html
    assert "We have sent a link to your e-mail address" in html


def test_a_receipt_with_a_forged_reference_shows_no_reference(client, db):
    client.cookies["django_language"] = "en"
    response = client.get(reverse("portal:self_referral_sent") + "?receipt=OSL-2026-00001")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>OSL-2026-00001</strong>" not in html
    assert "Your reference is" not in html


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"postcode": "12345"}, "postcode"),
        ({"email": ""}, "email"),
        ({"email": "not-an-address"}, "email"),
        ({"postcode": "50"}, "postcode"),
        ({"postcode": "50a3"}, "postcode"),
        ({"postcode": ""}, "postcode"),
        ({"full_name": ""}, "full_name"),
        ({"description": ""}, "description"),
        ({"other_name": ""}, "other_name"),
        ({"preferred_language": "other", "other_language": ""}, "other_language"),
        ({"preferred_language": "klingon"}, "preferred_language"),
    ],
)
def test_bad_input_is_explained_and_changes_nothing(
    client, areas, django_capture_on_commit_callbacks, mailoutbox, changes, field
):
    response = send(client, django_capture_on_commit_callbacks, **changes)
    html = response.content.decode()
    assert response.status_code == 400
    assert "ds-error-summary" in html
    assert f'id="id_{field}_error"' in html
    assert Case.objects.count() == 0
    assert SelfReferral.objects.count() == 0
    assert mailoutbox == []


def test_a_filled_honeypot_looks_like_success_but_creates_nothing(
    client, areas, django_capture_on_commit_callbacks, mailoutbox
):
    response = send(client, django_capture_on_commit_callbacks, website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:self_referral_sent")
    assert client.get(response["Location"]).status_code == 200
    assert Case.objects.count() == 0
    assert mailoutbox == []


def test_sending_the_same_request_twice_gives_one_case_and_one_email(
    client, areas, django_capture_on_commit_callbacks, mailoutbox
):
    first = send(client, django_capture_on_commit_callbacks)
    second = send(client, django_capture_on_commit_callbacks)
    assert Case.objects.count() == 1
    assert len(mailoutbox) == 1
    # Both receipts name the one case (the signed receipt values differ when a second ticks by).
    reference = Case.objects.get().reference
    assert reference in client.get(first["Location"]).content.decode()
    assert reference in client.get(second["Location"]).content.decode()


def test_too_many_requests_from_one_address_are_refused_with_a_message(
    client, areas, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.MEKLE_SELF_REFERRALS_PER_HOUR = 2
    client.cookies["django_language"] = "en"
    send(client, django_capture_on_commit_callbacks, description="Første.")
    send(client, django_capture_on_commit_callbacks, description="Andre.")
    refused = send(client, django_capture_on_commit_callbacks, description="Tredje.")
    assert refused.status_code == 400
    assert "many requests" in refused.content.decode()
    assert Case.objects.count() == 2
    assert len(mailoutbox) == 2


def test_a_postcode_no_office_covers_goes_to_the_fallback_office(
    client, areas, office_a, settings, django_capture_on_commit_callbacks
):
    settings.MEKLE_DEFAULT_OFFICE_CODE = "OSL"
    send(client, django_capture_on_commit_callbacks, postcode="9990")
    assert Case.objects.get().office == office_a


def test_the_back_link_returns_to_the_last_triage_question(client, db):
    html = client.get(URL + "?danger=no&topic=neighbour").content.decode()
    assert f'href="{reverse("portal:help_start")}?danger=no"' in html


def test_the_form_starts_in_the_page_language(client, db):
    client.cookies["django_language"] = "en"
    html = client.get(URL).content.decode()
    english = html.split('name="preferred_language" value="en"', 1)[1].split(">", 1)[0]
    assert "checked" in english


def test_behind_a_proxy_the_limit_counts_each_client_by_the_configured_header(
    client, areas, settings, django_capture_on_commit_callbacks
):
    settings.MEKLE_SELF_REFERRALS_PER_HOUR = 1
    settings.MEKLE_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(URL, {**VALID, "description": "En."}, headers={"x-forwarded-for": "1.2.3.4, 203.0.113.1"})
        other = client.post(URL, {**VALID, "description": "To."}, headers={"x-forwarded-for": "203.0.113.2"})
        again = client.post(URL, {**VALID, "description": "Tre."}, headers={"x-forwarded-for": "9.9.9.9, 203.0.113.1"})
    assert (first.status_code, other.status_code, again.status_code) == (302, 302, 400)
    assert Case.objects.count() == 2

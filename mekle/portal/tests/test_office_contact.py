"""How to reach the office: in the footer of every page about a party's case, on the self-referral
receipt, and where a sign-in link no longer works; a page that knows no office lists the offices."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from mekle.accounts.models import OfficeArea
from mekle.cases.models import Case
from mekle.parties import services as party_services
from mekle.parties.participants import Participant

PHONE = "22 00 00 01"
TEL = 'href="tel:22000001"'
MAILTO = 'href="mailto:oslo@konfliktradet.example.no"'
ADDRESS = "Tollbugata 10, 0152 Oslo"
HOURS = "Mandag–fredag 08.00–15.30"


@pytest.fixture
def reachable(office_a):
    office_a.phone, office_a.email = PHONE, "oslo@konfliktradet.example.no"
    office_a.street_address, office_a.postcode, office_a.place = "Tollbugata 10", "0152", "Oslo"
    office_a.opening_hours = HOURS
    office_a.save()
    return office_a


@pytest.fixture
def as_ola(client, ola_user):
    client.force_login(ola_user)
    client.cookies["django_language"] = "en"
    return client


def footer(response) -> str:
    html: str = response.content.decode()
    return html.split('<footer class="mekle-footer">')[1].split("</footer>")[0]


def assert_office_contact(html: str) -> None:
    assert "Konfliktrådet i Oslo" in html
    assert TEL in html
    assert MAILTO in html
    assert ADDRESS in html
    assert HOURS in html


@pytest.mark.parametrize(
    "name", ["case", "information", "consent", "withdraw", "preparation", "access_log", "messages"]
)
def test_every_page_of_the_case_has_the_office_in_its_footer(reachable, as_ola, case, name):
    response = as_ola.get(reverse(f"portal:{name}", args=[case.reference]))
    assert response.status_code == 200
    part = footer(response)
    assert_office_contact(part)
    assert "<h2" in part  # a heading, so the footer's contact can be found
    assert "Contact us" in part
    assert part.count("<address") == 1


def test_the_footer_names_the_other_office_for_a_case_there(as_ola, reachable, office_b, case, ola_user):
    office_b.phone = "55 00 00 02"
    office_b.save()
    Case.objects.filter(pk=case.pk).update(office=office_b)
    part = footer(as_ola.get(reverse("portal:case", args=[case.reference])))
    assert "55 00 00 02" in part
    assert PHONE not in part


def test_a_page_about_no_case_has_no_office_in_its_footer(client, reachable):
    client.cookies["django_language"] = "en"
    for url in (reverse("portal:front_page"), reverse("portal:help_start"), reverse("portal:journal_start")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<address" not in footer(response), url


def test_the_staff_pages_footer_is_left_alone(client, alice, reachable):
    client.force_login(alice)
    assert "<address" not in footer(client.get(reverse("workspace:home")))


def test_an_office_without_an_address_shows_what_it_has(as_ola, office_a, case):
    office_a.phone = PHONE
    office_a.save()
    part = footer(as_ola.get(reverse("portal:case", args=[case.reference])))
    assert TEL in part
    assert "mailto:" not in part
    assert "Visiting address" not in part
    assert "Opening hours" not in part


# --- Sign-in links -----------------------------------------------------------------------------


@pytest.fixture
def link(alice, ola):
    return party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)


def path_of(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_opening_a_link_shows_the_office_that_sent_it(client, reachable, link):
    response = client.get(path_of(link.url), HTTP_COOKIE="django_language=en")
    assert response.status_code == 200
    assert_office_contact(footer(response))


def test_a_link_that_no_longer_works_shows_how_to_reach_the_office_that_sent_it(client, reachable, link, settings):
    later = timezone.now() + dt.timedelta(days=settings.MEKLE_INVITATION_DAYS, hours=1)
    with time_machine.travel(later):
        response = client.get(path_of(link.url), HTTP_COOKIE="django_language=en")
    assert response.status_code == 410
    assert_office_contact(footer(response))
    assert "Call your office" not in response.content.decode()  # the office is known: no list of them all


def test_a_link_we_cannot_place_lists_the_offices_to_call(client, reachable, office_b, link):
    office_b.phone = "55 00 00 02"
    office_b.save()
    response = client.get(reverse("portal:sign_in", args=[link.invitation.pk + 1000]) + "?token=x")
    assert response.status_code == 404
    html = response.content.decode()
    assert TEL in html
    assert 'href="tel:55000002"' in html
    assert "<address" not in footer(response)  # no office is known, so none is in the footer


# --- The self-referral receipt -----------------------------------------------------------------

REQUEST = {
    "full_name": "Siri Vik",
    "email": "siri@example.no",
    "phone": "",
    "postcode": "0150",
    "description": "Naboen spiller høy musikk hver natt, og vi klarer ikke å snakke sammen.",
    "other_name": "Per i 3B",
    "other_phone": "41234567",
    "other_email": "",
    "other_address": "",
    "preferred_language": "en",
    "other_language": "",
    "website": "",
}


@pytest.fixture
def areas(reachable, office_b):
    OfficeArea.objects.create(office=reachable, postcode_from="0001", postcode_to="1499")
    OfficeArea.objects.create(office=office_b, postcode_from="5000", postcode_to="5999")


def test_the_receipt_names_the_office_that_has_the_request_and_how_to_reach_it(
    client, areas, settings, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:self_referral"), REQUEST)
    with django_assert_max_num_queries(1):  # the office, by the case's reference
        receipt = client.get(response["Location"])
    html = receipt.content.decode()
    section = html.split('aria-labelledby="office"')[1].split("</section>")[0]
    assert (
        '<span lang="nb">Konfliktrådet</span> i Oslo has your request' in section
    )  # a Norwegian name on an English page
    assert_office_contact(unmarked(section))
    assert "Konfliktrådet i Bergen" not in unmarked(html)
    assert_office_contact(unmarked(footer(receipt)))


def unmarked(html):
    """The HTML without the lang="nb" marks an English page puts around Norwegian names."""
    return re.sub(r'<span lang="nb">(.*?)</span>', r"\1", html)


def test_a_receipt_without_its_reference_shows_every_office_to_call(client, areas, office_b):
    office_b.phone = "55 00 00 02"
    office_b.save()
    client.cookies["django_language"] = "en"
    response = client.get(reverse("portal:self_referral_sent") + "?receipt=forged")
    assert response.status_code == 200
    section = response.content.decode().split('aria-labelledby="office"')[1].split("</section>")[0]
    assert TEL in section
    assert 'href="tel:55000002"' in section
    assert "<address" not in footer(response)

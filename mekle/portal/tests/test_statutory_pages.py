"""The statutory pages (accessibility statement, privacy statement, contact) in each language, and
the footer that links them from every kind of page: staff, portal and public."""

import re
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from mekle.accounts.models import Office
from mekle.portal.views import about

LANGUAGES = ["nb", "nn", "en"]

# Each page's key sections, by their headings' ids, and one sentence of its text in each language.
SECTIONS = {
    "portal:accessibility": ["law", "status", "not-met", "feedback", "enforcement"],
    "portal:privacy": ["controller", "purposes", "basis", "recipients", "retention", "rights", "cookies"],
    "portal:contact": ["emergency", "offices", "general"],
}
HEADINGS = {
    "portal:accessibility": {
        "nb": "Tilgjengelighetserklæring",
        "nn": "Tilgjengelegheitserklæring",
        "en": "Accessibility statement",
    },
    "portal:privacy": {"nb": "Personvernerklæring", "nn": "Personvernerklæring", "en": "Privacy statement"},
    "portal:contact": {"nb": "Kontakt oss", "nn": "Kontakt oss", "en": "Contact us"},
}
FOOTER_LINKS = ["portal:contact", "portal:accessibility", "portal:privacy"]


def in_language(client, language):
    client.cookies["django_language"] = language
    return client


def footer(body):
    return body.split('<footer class="mekle-footer">')[1].split("</footer>")[0]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(SECTIONS))
def test_each_statutory_page_is_public_in_each_language(client, office_a, name, language):
    response = in_language(client, language).get(reverse(name))
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in body
    assert f'<h1 class="ds-heading" data-size="xl">{HEADINGS[name][language]}</h1>' in body
    for section in SECTIONS[name]:
        assert f'id="{section}"' in body, section
    assert '<meta name="description" content="' in body
    assert "no-store" not in response["Cache-Control"]  # a public page: the browser may keep it


def test_the_accessibility_statement_says_what_the_uustatus_form_asks(client, office_a):
    office_a.email = "post.oslo@konfliktraadet.example"
    office_a.save()
    body = in_language(client, "nb").get(reverse("portal:accessibility")).content.decode()
    assert "likestillings- og diskrimineringsloven" in body
    assert "forskrift om universell utforming" in body
    assert "WCAG 2.1" in body
    assert "/api/v1/docs" in body  # the Swagger page, which does not meet the requirements
    assert 'href="mailto:post.oslo@konfliktraadet.example"' in body
    assert f'href="{about.UU_TILSYNET_URL}"' in body
    assert "Erklæringen ble sist gjennomgått 3. desember 2026." in body


def test_the_privacy_statement_names_the_controller_the_law_and_each_cookie(client, settings):
    page = in_language(client, "en").get(reverse("portal:privacy")).content.decode()
    assert 'for <span lang="nb">konfliktrådene</span>' in page  # Norwegian names marked on an English page
    body = re.sub(r'<span lang="nb">(.*?)</span>', r"\1", page)
    assert "Sekretariatet for konfliktrådene" in body
    assert "konfliktrådsloven" in body
    assert "Article 6(1)(e)" in body
    assert "Article 9" in body
    assert "Article 10" in body
    assert "arkivlova" in body
    assert "Datatilsynet" in body
    assert f'href="{about.DATATILSYNET_URL}"' in body
    for cookie in ("sessionid", "csrftoken", "django_language", "messages"):
        assert f"<code>{cookie}</code>" in body, cookie


def test_the_privacy_statement_names_the_cookies_as_https_names_them(client, settings):
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    body = in_language(client, "en").get(reverse("portal:privacy")).content.decode()
    assert "<code>__Host-sessionid</code>" in body
    assert "<code>__Host-csrftoken</code>" in body


def test_the_contact_page_lists_each_office_with_phone_and_email(client, office_a, office_b):
    office_a.phone, office_a.email = "22 00 00 00", "post.oslo@konfliktraadet.example"
    office_a.save()
    body = in_language(client, "nn").get(reverse("portal:contact")).content.decode()
    assert "Konfliktrådet i Oslo" in body
    assert "Konfliktrådet i Bergen" in body
    assert 'href="tel:22000000">22 00 00 00</a>' in body
    assert 'href="mailto:post.oslo@konfliktraadet.example"' in body
    for number in ("tel:112", "116 006", "116 111", "02800"):  # the emergency numbers the front page gives
        assert number in body, number


def test_the_contact_page_costs_the_same_queries_for_two_offices_or_twenty(client, db, django_assert_max_num_queries):
    for number in range(20):
        Office.objects.create(code=f"O{number:02}", name=f"Konfliktrådet {number}", phone="12 34 56 78")
    with django_assert_max_num_queries(2):
        response = client.get(reverse("portal:contact"))
    assert response.content.decode().count('href="tel:12345678"') == 20


@pytest.mark.parametrize("page", ["public", "portal", "staff"])
def test_every_kind_of_page_links_the_statutory_pages_in_its_footer(client, case, alice, ola_user, page):
    if page == "public":
        url = reverse("portal:front_page")
    elif page == "portal":
        client.force_login(ola_user)
        url = reverse("portal:case", args=[case.reference])
    else:
        client.force_login(alice)
        url = reverse("workspace:case_list")
    response = in_language(client, "nb").get(url)
    assert response.status_code == 200
    links = footer(response.content.decode())
    for name in FOOTER_LINKS:
        assert f'href="{reverse(name)}"' in links, name
    assert "Tilgjengelighetserklæring" in links
    assert "Personvernerklæring" in links


HTMX = "vendor/htmx/htmx.min.js"


def test_htmx_is_loaded_only_by_the_pages_that_use_it(client, alice, office_a):
    public = client.get(reverse("portal:front_page")).content.decode()
    assert HTMX not in public
    assert "htmx-config" not in public
    client.force_login(alice)
    case_list = client.get(reverse("workspace:case_list")).content.decode()
    assert HTMX in case_list
    assert 'hx-get="' in case_list


def test_an_office_s_visiting_address_and_opening_hours_show_where_it_has_them():
    office = SimpleNamespace(visiting_address="Storgata 1\n0155 Oslo", opening_hours="Hverdager 08–15")
    with translation.override("nn"):
        shown = render_to_string("portal/about/_office_visiting.html", {"office": office})
        blank = render_to_string("portal/about/_office_visiting.html", {"office": SimpleNamespace()})
    assert "<dt>Besøksadresse</dt><dd>Storgata 1<br>0155 Oslo</dd>" in shown
    assert "<dt>Opningstider</dt><dd>Hverdager 08–15</dd>" in shown
    assert "<dt>" not in blank

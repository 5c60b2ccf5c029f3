"""Parties on a phone: sign in by link, read, consent, prepare; another party withdraws. axe on every page."""

import pytest

from mekle.cases.models import Case, Status
from mekle.parties import services as party_services
from mekle.parties.models import Consent, PreparationAnswers
from mekle.parties.participants import Participant
from mekle.testing.browser import local, open_link, shot

from .conftest import serious_violations, sign_in, switch_language

pytestmark = pytest.mark.browser


def test_one_party_consents_and_prepares_and_the_other_withdraws(phone, other_phone, alice, case, ola, kari):
    ola_link = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    kari_link = party_services.invite_to_portal(actor=alice, participant=Participant(kari), send_email=False)

    open_link(phone, ola_link.url)
    assert phone.locator("html").get_attribute("lang") == "nb"
    assert "Vi har mottatt saken" in phone.locator("main").inner_text()
    shot(phone, "case-nb")

    phone.locator("main a[href$='/information/']").first.click()
    assert "Det er gratis." in phone.locator("main").inner_text()
    shot(phone, "information-nb")

    phone.locator("main a[href$='/consent/']").first.click()
    phone.locator("main form button[type=submit]").click()  # nothing ticked: told what to do
    assert phone.locator(".ds-error-summary").is_visible()
    phone.check("#id_answer_0")  # "Yes, I want to take part"
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url("**/portal/cases/*/")
    assert Consent.objects.filter(party=ola, withdrawn_at__isnull=True).exists()

    phone.locator("main a[href$='/preparation/']").first.click()
    phone.fill("#id_what_happened", "Naboen klippet hekken min uten å spørre.")
    phone.check("input[name=feels_safe][value=unsure]")
    phone.fill("#id_support_person", "Søsteren min")
    shot(phone, "preparation-nb")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url("**/portal/cases/*/")
    assert PreparationAnswers.objects.get(party=ola).support_person == "Søsteren min"

    open_link(other_phone, kari_link.url)
    switch_language(other_phone, "en")
    other_phone.locator("main a[href$='/withdraw/']").first.click()
    shot(other_phone, "withdraw-en")
    other_phone.fill("#id_reason", "I would rather not meet.")
    other_phone.locator("main form button[type=submit]").click()
    other_phone.wait_for_url("**/withdrawn/")
    assert "What happens now" in other_phone.locator("main").inner_text()
    shot(other_phone, "withdrawn-en")
    assert Case.objects.get(pk=case.pk).status == Status.WITHDRAWN

    phone.reload()
    main = phone.locator("main").inner_text()
    assert "Meklingen er avsluttet." in main  # the other party is never told who withdrew, or why
    assert "trakk" not in main


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_portal_page_has_no_serious_accessibility_violations(phone, alice, case, ola, language):
    link = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    pages = {"front page": "/", "sign-in help": "/portal/sign-in/", "link": local(link.url)}
    for name, path in pages.items():
        phone.goto(path)
        if name == "front page" and language != "nb":
            switch_language(phone, language)
        assert serious_violations(phone) == [], name
    open_link(phone, link.url)
    reference = case.reference
    pages = {
        "case": f"/portal/cases/{reference}/",
        "information": f"/portal/cases/{reference}/information/",
        "consent": f"/portal/cases/{reference}/consent/",
        "preparation": f"/portal/cases/{reference}/preparation/",
        "withdraw": f"/portal/cases/{reference}/withdraw/",
    }
    problems = {}
    for name, path in pages.items():
        phone.goto(path)
        assert phone.locator("html").get_attribute("lang") == language
        shot(phone, f"{name}-{language}")
        if violations := serious_violations(phone):
            problems[name] = violations
    phone.goto(pages["consent"])
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_load_state()
    if violations := serious_violations(phone):
        problems["consent with errors"] = violations
    assert problems == {}


def test_a_used_link_shows_a_clear_page(phone, other_phone, alice, ola):
    link = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    open_link(phone, link.url)
    other_phone.goto(local(link.url))
    assert "Lenken virker ikke" in other_phone.locator("h1").inner_text()
    shot(other_phone, "link-used-nb")
    assert serious_violations(other_phone) == []


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_caseworker_makes_a_link_for_a_letter_and_the_party_uses_it(page, phone, case, ola, language):
    sign_in(page, "alice")
    if language != "nb":
        switch_language(page, language)
    page.goto(f"/workspace/cases/{case.reference}/parties/{ola.pk}/")
    page.locator("main form[action$='/invitations/new/'] button:not([disabled])").last.click()
    page.wait_for_load_state()
    shot(page, f"staff-invitation-{language}")
    assert serious_violations(page) == []
    link = page.locator("#invitation-link").input_value()
    page.goto(f"/workspace/cases/{case.reference}/parties/{ola.pk}/")
    shot(page, f"staff-party-page-{language}")
    assert serious_violations(page) == []
    open_link(phone, link)
    assert case.reference in phone.locator("h1").inner_text()

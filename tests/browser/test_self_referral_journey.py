"""Asking for help on a phone: the triage routes, the back button, the form, and axe on every page."""

import pytest

from mekle.accounts.models import OfficeArea
from mekle.cases.models import Case, Status
from mekle.testing.browser import shot

from .conftest import serious_violations, switch_language

pytestmark = pytest.mark.browser


def answer(page, key, value):
    page.check(f"input[name={key}][value={value}]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_a_neighbour_conflict_goes_through_triage_to_a_new_case(phone, office_a, mailoutbox):
    OfficeArea.objects.create(office=office_a, postcode_from="0001", postcode_to="1299")
    phone.goto("/")
    phone.locator("main a[href='/help/']").click()
    shot(phone, "triage-danger-nb")
    answer(phone, "danger", "no")
    answer(phone, "topic", "family")
    shot(phone, "triage-children-nb")
    phone.go_back()  # the back button returns to the previous question
    phone.wait_for_load_state()
    assert phone.locator("input[name=topic]").count() > 0
    answer(phone, "topic", "neighbour")
    phone.wait_for_url("**/help/ask/**")
    phone.fill("#id_full_name", "Ola Nordmann")
    phone.fill("#id_email", "ola@example.no")
    phone.fill("#id_postcode", "0150")
    phone.fill("#id_description", "Naboen har klippet ned hekken min.")
    phone.fill("#id_other_name", "Kari Nordmann")
    shot(phone, "self-referral-form-nb")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url("**/help/ask/sent/**")
    shot(phone, "self-referral-sent-nb")
    case = Case.objects.get()
    assert (case.office, case.status) == (office_a, Status.RECEIVED)
    assert case.reference in phone.locator("main").inner_text()


@pytest.mark.parametrize("language", ["nb", "en"])
def test_triage_pages_have_no_serious_accessibility_violations(phone, office_a, language):
    phone.goto("/help/")
    if language != "nb":
        switch_language(phone, language)
    pages = {
        "danger question": "/help/",
        "topic question": "/help/?danger=no",
        "dispute question": "/help/?danger=no&topic=family&children=yes",
        "emergency": "/help/emergency/",
        "family mediation": "/help/family-mediation/",
        "report to police": "/help/report-to-police/",
        "form": "/help/ask/?danger=no&topic=neighbour",
    }
    problems = {}
    for name, path in pages.items():
        phone.goto(path)
        assert phone.locator("html").get_attribute("lang") == language
        shot(phone, f"help-{name.replace(' ', '-')}-{language}")
        if violations := serious_violations(phone):
            problems[name] = violations
    phone.goto(pages["form"])
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_load_state()
    if violations := serious_violations(phone):
        problems["form with errors"] = violations
    assert problems == {}

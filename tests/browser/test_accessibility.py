"""axe-core finds no serious or critical violations on the main pages, in bokmål and English."""

import pytest

from .conftest import serious_violations, sign_in, switch_language

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["nb", "en"])
def test_main_pages_have_no_serious_accessibility_violations(page, case, language):
    sign_in(page, "alice")
    if language != "nb":
        switch_language(page, language)
    pages = {
        "case list": "/workspace/cases/",
        "case page": f"/workspace/cases/{case.reference}/",
        "referral form": "/workspace/referrals/new/",
        "party page": f"/workspace/cases/{case.reference}/parties/{case.parties.first().pk}/",
        "consent form": f"/workspace/cases/{case.reference}/parties/{case.parties.first().pk}/consent/",
    }
    problems = {}
    for name, path in pages.items():
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        if violations := serious_violations(page):
            problems[name] = violations
    assert problems == {}


def test_a_form_showing_errors_has_no_serious_violations(page, alice):
    sign_in(page, "alice")
    page.goto("/workspace/referrals/new/")
    page.locator("main form button[type=submit]:not([name])").click()
    page.wait_for_load_state()
    assert page.locator(".ds-error-summary").first.is_visible()
    assert serious_violations(page) == []


def test_the_sign_in_page_has_no_serious_violations(page, db):
    page.goto("/login/")
    assert serious_violations(page) == []


def test_designsystemet_styles_are_loaded(page, alice):
    sign_in(page, "alice")
    background = page.locator("main .ds-button").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "rgb(239, 239, 239)", "")


def test_the_way_back_in_and_ending_access_have_no_serious_violations(page, case):
    """Asking for a new link, its answer, the sign-in help after a timeout, and the staff's confirmation."""
    party = case.parties.first()
    problems = {}
    for name, path in {
        "request link": "/portal/sign-in/new-link/",
        "link sent": "/portal/sign-in/new-link/sent/",
        "sign-in help": "/portal/sign-in/",
    }.items():
        page.goto(path)
        if violations := serious_violations(page):
            problems[name] = violations
    page.goto("/portal/sign-in/new-link/")
    page.get_by_label("E-postadressen din").fill("ikke-en-adresse")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if violations := serious_violations(page):
        problems["request link with an error"] = violations
    sign_in(page, "alice")
    page.goto(f"/workspace/cases/{case.reference}/parties/{party.pk}/portal-access/end/")
    if violations := serious_violations(page):
        problems["end access"] = violations
    assert problems == {}


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_statutory_pages_have_no_serious_violations(page, office_a, language):
    """The accessibility statement, the privacy statement (with its table of cookies) and the contact page."""
    page.goto("/")
    if language != "nb":
        switch_language(page, language)
    problems = {}
    for path in ("/tilgjengelighet/", "/personvern/", "/kontakt/"):
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        if violations := serious_violations(page):
            problems[path] = violations
    assert problems == {}

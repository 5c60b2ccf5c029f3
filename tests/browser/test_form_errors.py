"""A form sent empty, on a phone (390 px) and a small phone (320 px), in bokmål and English: the
focus moves to the one error summary at the top, each of its links focuses its field, and axe-core
finds no violation of any impact on the page."""

from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.testing.browser import open_link

from .conftest import AXE, new_page, sign_in, switch_language, watched_context

pytestmark = pytest.mark.browser

TITLE_PREFIX = {"nb": "Feil: ", "en": "Error: "}


def all_violations(page: Page) -> list[dict[str, Any]]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert result["passes"], "axe-core ran no checks"
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def check_error_page(page: Page, language: str) -> list[dict[str, Any]]:
    """The summary has the focus and is the first thing in main; each link focuses its field."""
    page.wait_for_load_state()
    assert page.title().startswith(TITLE_PREFIX[language]), page.title()
    assert page.locator("[data-error-summary]").count() == 1
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('[data-error-summary]')")
    first_in_main = page.evaluate(
        "() => document.querySelector('main').firstElementChild.matches('[data-error-summary]')"
    )
    assert first_in_main
    box = page.locator("[data-error-summary]").bounding_box()
    assert box is not None
    viewport = page.viewport_size
    assert viewport is not None
    assert box["y"] < viewport["height"]  # on the first screen, phone or not
    links = page.locator("[data-error-summary] a")
    targets = [(links.nth(i).get_attribute("href") or "#")[1:] for i in range(links.count())]
    assert targets, "the summary links to no field"
    for index, target in enumerate(targets):
        page.locator("[data-error-summary] a").nth(index).click()
        focused = page.evaluate("() => document.activeElement && document.activeElement.id")
        assert focused == target
    return all_violations(page)


@pytest.fixture(params=[390, 320], ids=["390px", "320px"])
def width(request):
    return request.param


def _context(browser: Browser, live_server, width: int, language: str):
    locale = "nb-NO" if language == "nb" else "en-GB"
    viewport = {"width": width, "height": 844 if width == 390 else 640}
    return watched_context(browser, base_url=live_server.url, viewport=viewport, locale=locale, is_mobile=True)


def _language(page: Page, language: str) -> None:
    if page.locator("html").get_attribute("lang") != language:
        switch_language(page, language)
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("language", ["nb", "en"])
def test_forms_sent_empty_lead_to_their_fields(browser, live_server, settings, alice, case, ola, width, language):
    settings.DEBUG = False
    problems = {}
    with _context(browser, live_server, width, language) as context:
        page = new_page(context)
        page.goto("/help/ask/")
        _language(page, language)
        page.locator("main form button[type=submit]").click()
        if violations := check_error_page(page, language):
            problems["self-referral"] = violations

        link = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
        open_link(page, link.url)
        page.goto(f"/portal/cases/{case.reference}/consent/")
        _language(page, language)
        page.locator("main form button[type=submit]").click()
        if violations := check_error_page(page, language):
            problems["portal consent"] = violations

    with _context(browser, live_server, width, language) as context:
        page = new_page(context)
        sign_in(page, "alice")
        page.goto("/workspace/referrals/new/")
        _language(page, language)
        page.locator("main form button[type=submit]:not([name])").click()
        if violations := check_error_page(page, language):
            problems["staff referral"] = violations
    assert problems == {}

"""Reflow (WCAG 1.4.10): at 320 and 390 CSS px, in bokmål and English, the staff case page, party page
and messages page and the portal's case page and agreement page do not scroll sideways, and axe-core
finds no violation of any impact on them."""

import pytest
from playwright.sync_api import Page

from mekle.agreements import services as agreement_services
from mekle.dialogue import services as dialogue_services
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.testing.agreements import draft, hold_meeting_with_agreement
from mekle.testing.browser import open_link
from mekle.testing.tone import tone  # noqa: F401  (fixture)

from .conftest import all_violations, sideways_overflow, sign_in

pytestmark = pytest.mark.browser

WIDTHS = (320, 390)


def check_pages(page: Page, base_url: str, language: str, pages: dict[str, str]) -> dict[str, object]:
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
    problems: dict[str, object] = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for name, path in pages.items():
            page.goto(path)
            assert page.locator("html").get_attribute("lang") == language
            # The theme and its font are loaded (an unstyled page would prove nothing about reflow).
            assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Inter Variable"')
            if overflow := sideways_overflow(page):
                problems[f"{name} at {width} px scrolls sideways by"] = overflow
            if violations := all_violations(page):
                problems[f"{name} at {width} px"] = violations
    return problems


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_staff_case_party_and_messages_pages_reflow(page, live_server, case, ola, tone, language):  # noqa: F811
    # A message to the staff makes the messages table; one long word must not widen the page.
    long_word = "https://example.org/" + "a" * 80
    dialogue_services.send_message(
        actor=None, participant=Participant(ola), recipient=None, text=f"Se {long_word}", language="nb"
    )
    sign_in(page, "alice")
    party = case.parties.first()
    pages = {
        "case page": f"/workspace/cases/{case.reference}/",
        "party page": f"/workspace/cases/{case.reference}/parties/{party.pk}/",
        "messages": f"/workspace/cases/{case.reference}/messages/",
    }
    assert check_pages(page, live_server.url, language, pages) == {}
    page.goto(pages["messages"])
    assert page.locator("main table").count() == 1


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_portal_case_and_agreement_pages_reflow(phone, live_server, alice, mia, case, ola, language):
    hold_meeting_with_agreement(alice, mia, case)
    agreement_services.send_for_signing(actor=mia, version=draft(mia, case))
    link = party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    open_link(phone, link.url)
    pages = {
        "portal case page": f"/portal/cases/{case.reference}/",
        "portal agreement": f"/portal/cases/{case.reference}/agreement/",
    }
    assert check_pages(phone, live_server.url, language, pages) == {}
    phone.goto(pages["portal agreement"])
    assert "SHA-256" not in phone.locator("main").inner_text()

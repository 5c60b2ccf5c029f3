"""Browser tests: Playwright drives Debian's Chromium (never a downloaded browser) against the live server."""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from mekle.accounts.models import User
from mekle.testing.second_factor import app_of, current_code

# Playwright's sync API keeps an event loop in the test thread; Django's ORM calls from the test
# itself (fixtures, assertions) are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        raise RuntimeError("Debian's chromium is required for browser tests: apt-get install chromium")
    return path


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server, settings):
    # Django's live server runs in a thread of this process, so settings changed here reach it.
    settings.SESSION_COOKIE_AGE = 14 * 24 * 60 * 60
    settings.DEBUG = False
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(page: Page, username: str) -> None:
    """Sign in through the real forms: the cast's password is "pw-<username>", then the code the
    person's authenticator app shows now (an app is made for them if they have none)."""
    device = app_of(User.objects.get(username=username))
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"pw-{username}")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/login/second-factor/**")
    device.refresh_from_db()
    page.fill("#id_code", current_code(device))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/workspace/**")


def switch_language(page: Page, code: str) -> None:
    page.select_option("#language-select", code)
    page.locator("form.mekle-language button[type=submit]").click()
    page.wait_for_load_state()


def serious_violations(page: Page) -> list[dict[str, object]]:
    """axe-core's violations on the current page with impact "serious" or "critical"."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert result["passes"], "axe-core ran no checks"  # guards against a scan that silently did nothing
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Browser, live_server, settings):
    settings.DEBUG = False
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="nb-NO", is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def other_phone(browser: Browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="nb-NO", is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()

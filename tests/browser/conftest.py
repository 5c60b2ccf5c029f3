"""Browser tests: Playwright drives Debian's Chromium (never a downloaded browser) against the live server."""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, ViewportSize, sync_playwright

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


# Every page a browser test opens runs under the Content-Security-Policy, and a violation fails the
# test: the init script reports each `securitypolicyviolation` event to Python, and the console's
# "Refused to …" errors are caught as well (what the event does not reach). Both are set up before
# the first page loads, so a violation during loading counts too.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.mekleCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${document.location.pathname}`
    + ` (${event.sourceFile || "the page"}:${event.lineNumber})`
  );
}, true);
"""


@contextmanager
def watched_context(browser: Browser, **options: Any) -> Iterator[BrowserContext]:
    """A browser context whose pages must cause no CSP violation: checked when the test ends."""
    violations: list[str] = []

    def on_violation(text: str) -> None:
        violations.append(text)

    context = browser.new_context(**options)
    context.expose_function("mekleCspViolation", on_violation)
    context.add_init_script(CSP_LISTENER)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            violations.append(f"console: {message.text}")

    context.on("console", on_console)
    try:
        yield context
        for page in context.pages:  # let a report still queued in the page arrive
            page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 0))")
    finally:
        context.close()
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)


def new_page(context: BrowserContext) -> Page:
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def page(browser: Browser, live_server, settings):
    # Django's live server runs in a thread of this process, so settings changed here reach it.
    settings.SESSION_COOKIE_AGE = 14 * 24 * 60 * 60
    settings.DEBUG = False
    options: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}, "locale": "en-US"}
    with watched_context(browser, base_url=live_server.url, **options) as context:
        yield new_page(context)


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


def open_header_menu(page: Page) -> None:
    """Open the header's menu (a details element: the language, the person, signing out)."""
    menu = page.locator("header details.mekle-menu")
    if menu.get_attribute("open") is None:
        menu.locator("summary").click()


def switch_language(page: Page, code: str) -> None:
    open_header_menu(page)
    page.select_option("#language-select", code)
    page.locator("form.mekle-language button[type=submit]").click()
    page.wait_for_load_state()


def serious_violations(page: Page) -> list[dict[str, object]]:
    """axe-core's violations on the current page with impact "serious" or "critical".

    axe is evaluated through the DevTools protocol, not added as a <script> tag: the page's
    Content-Security-Policy rightly refuses an inline script.
    """
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert result["passes"], "axe-core ran no checks"  # guards against a scan that silently did nothing
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def all_violations(page: Page) -> list[dict[str, object]]:
    """axe-core's violations on the current page, of any impact (minor and moderate too)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert result["passes"], "axe-core ran no checks"
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def sideways_overflow(page: Page) -> int:
    """How many CSS px the page is wider than the window (0 when it reflows, WCAG 1.4.10)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Browser, live_server, settings):
    settings.DEBUG = False
    with watched_context(browser, base_url=live_server.url, viewport=PHONE, locale="nb-NO", is_mobile=True) as context:
        yield new_page(context)


@pytest.fixture
def other_phone(browser: Browser, live_server):
    with watched_context(browser, base_url=live_server.url, viewport=PHONE, locale="nb-NO", is_mobile=True) as context:
        yield new_page(context)

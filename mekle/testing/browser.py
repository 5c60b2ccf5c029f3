"""Browser-test helpers: screenshots for the docs, and opening a personal link as a party would."""

from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "portal"


def local(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def open_link(page: Page, url: str) -> None:
    page.goto(local(url))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/portal/cases/**")

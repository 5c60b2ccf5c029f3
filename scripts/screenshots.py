"""Screenshots of the main workspace pages in bokmål and English, for looking at them and for the README.

    uv run python scripts/screenshots.py --base-url http://127.0.0.1:8000 --out docs/screenshots

Signs in as a demo caseworker (see `make run`), opens the case list, the first case that has
reached follow-up (or any case), the referral form and a form with errors, in each language.
Uses Debian's chromium; never downloads a browser.
"""

import argparse
import shutil
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/workspace/**")


def set_language(page: Page, code: str) -> None:
    page.select_option("#language-select", code)
    page.locator("form.mekle-language button[type=submit]").click()
    page.wait_for_load_state()


def shoot(page: Page, out: Path, name: str) -> None:
    page.screenshot(path=str(out / f"{name}.png"), full_page=True)
    print(out / f"{name}.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--username", default="saksbehandler.oslo")
    parser.add_argument("--password", default="mekle-demo")
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Install Debian's chromium first: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": 900})
        sign_in(page, args.base_url, args.username, args.password)
        page.goto(f"{args.base_url}/workspace/cases/?status=in_follow_up")
        first = page.locator("main table a").first
        case_url = first.get_attribute("href") if first.count() else None
        for language in ("nb", "en"):
            set_language(page, language)
            page.goto(f"{args.base_url}/workspace/cases/")
            shoot(page, args.out, f"case-list-{language}")
            if case_url:
                page.goto(f"{args.base_url}{case_url}")
                shoot(page, args.out, f"case-page-{language}")
            page.goto(f"{args.base_url}/workspace/referrals/new/")
            shoot(page, args.out, f"referral-form-{language}")
            page.locator("main form button[type=submit]:not([name])").click()
            page.wait_for_load_state()
            shoot(page, args.out, f"referral-errors-{language}")
        browser.close()


if __name__ == "__main__":
    main()

"""Screenshots of the main workspace pages in bokmål and English, for looking at them and for the README.

    uv run python scripts/screenshots.py --base-url http://127.0.0.1:8000 --out docs/screenshots

Signs in as a demo caseworker (see `make run`), with the second factor from `manage.py demo_code`
(run against the same database as the server), and opens the second-factor page, the person's sign-in
factors and sessions, the case list, the first case that has reached follow-up (or any case), the
referral form and a form with errors; with `--portal-link` (one of the links `make run` prints) also
the party's portal and its list of staff reads; in each language. Uses Debian's chromium; never
downloads a browser.
"""

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def sign_in(page: Page, base: str, username: str, password: str, out: Path, language: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/login/second-factor/**")
    shoot(page, out, f"second-factor-{language}")
    page.fill("#id_code", current_code(username))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/workspace/**")


def current_code(username: str) -> str:
    """The six digits the demo person's authenticator app would show now."""
    command = [sys.executable, "manage.py", "demo_code", username]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip().split()[-1]


def set_language(page: Page, code: str) -> None:
    page.locator("header details.mekle-menu summary").click()  # the language is in the header's menu
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
    parser.add_argument("--portal-link", help="a party's sign-in link, as `make run` prints (each works once)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Install Debian's chromium first: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=ARGS)
        for language in ("nb", "en"):
            context = browser.new_context(viewport={"width": args.width, "height": 900})
            context.add_cookies([{"name": "django_language", "value": language, "url": args.base_url}])
            page = context.new_page()
            sign_in(page, args.base_url, args.username, args.password, args.out, language)
            page.goto(f"{args.base_url}/workspace/sign-in-factors/")
            shoot(page, args.out, f"sign-in-factors-{language}")
            page.goto(f"{args.base_url}/workspace/sessions/")
            shoot(page, args.out, f"sessions-{language}")
            page.goto(f"{args.base_url}/workspace/cases/?status=in_follow_up")
            first = page.locator("main table a").first
            case_url = first.get_attribute("href") if first.count() else None
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
            context.close()
        if args.portal_link:
            portal(browser, args)
        browser.close()


def portal(browser: Browser, args: argparse.Namespace) -> None:
    """The party's portal, signed in once by the link; then each language on the same session."""
    page = browser.new_page(viewport={"width": args.width, "height": 900})
    page.goto(args.portal_link)
    page.locator("main form button[type=submit]").first.click()  # the link's page asks before it signs in
    page.wait_for_url("**/portal/**")
    case_page = page.url
    for language in ("nb", "en"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": args.base_url}])
        page.goto(case_page)
        shoot(page, args.out, f"portal-case-{language}")
        log = page.locator("main a[href$='/access-log/']").first
        if log.count():
            page.goto(f"{args.base_url}{log.get_attribute('href')}")
            shoot(page, args.out, f"portal-access-log-{language}")


if __name__ == "__main__":
    main()

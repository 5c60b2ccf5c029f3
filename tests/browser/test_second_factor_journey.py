"""A caseworker's first sign-in after the second factor arrived: enrol, keep the codes, get in."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from mekle.signin.selectors import current_code

from .conftest import open_header_menu, serious_violations

pytestmark = pytest.mark.browser


def test_the_first_sign_in_enrols_an_app_shows_the_codes_and_lets_the_caseworker_in(page, alice):
    page.goto("/workspace/cases/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "pw-alice")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/login/enrol/**")
    assert page.locator("h1").count() == 1
    assert serious_violations(page) == []
    secret = page.locator(".mekle-secret code").first.inner_text().replace(" ", "")
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    assert secret in device.config_url

    page.fill("#id_code", current_code(device))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/login/recovery-codes/**")
    assert page.locator(".mekle-codes li").count() == 10
    assert serious_violations(page) == []
    page.locator("main a.ds-button").click()  # "I have saved the codes, continue"

    page.wait_for_url("**/workspace/cases/")
    open_header_menu(page)
    page.locator("header a[href='/workspace/sign-in-factors/']").click()  # in the menu, under the person's name
    page.wait_for_url("**/workspace/sign-in-factors/")
    assert page.locator("tbody tr").count() == 1
    assert serious_violations(page) == []


def test_a_wrong_code_shows_the_error_summary(page, alice):
    device = TOTPDevice.objects.create(user=alice, name="TOTP", confirmed=True)
    page.goto("/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "pw-alice")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/login/second-factor/**")
    wrong = "000000" if current_code(device) != "000000" else "111111"
    page.fill("#id_code", wrong)
    page.locator("main form button[type=submit]").first.click()
    assert page.locator(".ds-error-summary").is_visible()
    assert serious_violations(page) == []

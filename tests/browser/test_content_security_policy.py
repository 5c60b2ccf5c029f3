"""The strict Content-Security-Policy in a real browser: htmx and the Django admin keep working.

Every other browser test checks the policy too: `watched_context` (conftest.py) fails a test whose
pages cause any violation. The first test here shows that it does.
"""

import pytest
from playwright.sync_api import Browser

from mekle.accounts.models import Role
from mekle.testing.cast import make_user
from mekle.testing.second_factor import app_of, current_code

from .conftest import new_page, sign_in, watched_context

pytestmark = pytest.mark.browser

INLINE_STYLE = "document.head.append(Object.assign(document.createElement('style'), {textContent: 'p {}'}))"
INLINE_SCRIPT = "document.head.append(Object.assign(document.createElement('script'), {textContent: '1'}))"


def test_an_inline_style_or_script_is_refused_and_fails_the_test(browser: Browser, live_server, db):
    # The check runs as the context ends, after the page broke the policy.
    with pytest.raises(AssertionError) as refused, watched_context(browser, base_url=live_server.url) as context:  # noqa: PT012
        page = new_page(context)
        page.goto("/")
        page.evaluate(INLINE_STYLE)
        page.evaluate(INLINE_SCRIPT)
    assert "style-src-elem blocked inline on /" in str(refused.value)
    assert "script-src-elem blocked inline on /" in str(refused.value)


def test_htmx_filters_the_case_list_without_inline_code(page, alice, case, other_case):
    sign_in(page, "alice")
    page.goto("/workspace/cases/")
    assert page.evaluate("htmx.config.allowEval") is False
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    everything = page.locator("#case-table tbody tr").count()
    assert everything >= 2
    with page.expect_response(lambda response: response.request.headers.get("hx-request") == "true"):
        page.locator("form.mekle-filters select").first.select_option(index=1)
    page.wait_for_url("**/workspace/cases/?*")  # hx-push-url: the filtered list has an address of its own
    assert page.evaluate("window.sessionStorage.getItem('htmx-history-cache')") is None
    with page.expect_event("load"):  # no copy was kept: htmx loads the page again
        page.go_back()
    assert page.url.endswith("/workspace/cases/")
    assert page.locator("#case-table tbody tr").count() == everything


def test_the_django_admin_works_under_the_policy(page, db):
    device = app_of(make_user("root", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    page.goto("/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", "pw-root")
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/login/second-factor/**")  # the admin wants the second factor too
    page.fill("#id_code", current_code(device))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    page.goto("/admin/accounts/office/add/")
    # The inline's "Add another" link is made by the admin's own JavaScript (inlines.js).
    page.locator(".add-row a").click()
    assert page.locator("tr.dynamic-areas, tr.form-row.dynamic-areas, .dynamic-areas").count() >= 1
    page.goto("/admin/accounts/user/")
    page.locator("#action-toggle").check()  # actions.js selects every row
    assert page.locator("tr.selected").count() >= 1


def test_the_api_docs_render_under_the_policy(page, db):
    page.goto("/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info")
    assert "Mekle referral API" in page.locator(".swagger-ui .info").inner_text()

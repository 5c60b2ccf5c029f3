"""The cooperation journal on a phone: axe-core on every page, in bokmål and English, and a look at them."""

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from mekle.journal import selectors, services
from mekle.journal.models import EntryKind, Journal
from mekle.testing.browser import shot
from mekle.testing.journal import keeper

from .conftest import serious_violations, switch_language

pytestmark = pytest.mark.browser


def sign_in_as(page, user, live_server):
    """Give the browser a session for `user` (the e-mailed link is tested elsewhere)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


@pytest.mark.parametrize("language", ["nb", "en"])
def test_journal_pages_have_no_serious_accessibility_violations(phone, other_phone, live_server, settings, language):
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "django.contrib.auth.backends.ModelBackend"]
    nora = keeper()
    journal = Journal.objects.get(owner=nora)
    services.add_entry(actor=nora, journal=journal, kind=EntryKind.MESSAGE, text="Jeg foreslår at vi bytter helg.")
    proposal = services.send_proposal(
        actor=nora, journal=journal, text="Henting fredager kl. 16.", recipient_email="per@example.no"
    )
    phone.goto("/journal/")
    if language != "nb":
        switch_language(phone, language)
    problems = {}
    for name, path in {"start": "/journal/", "ask for a link": "/journal/sign-in/"}.items():
        phone.goto(path)
        shot(phone, f"journal-{name.replace(' ', '-')}-{language}")
        if violations := serious_violations(phone):
            problems[name] = violations
    sign_in_as(phone, nora, live_server)
    for name, path in {
        "journal": "/journal/mine/",
        "new message": "/journal/mine/new/message/",
        "new proposal": "/journal/mine/new/proposal/",
        "ask for mediation": "/journal/mine/ask-for-mediation/",
        "delete": "/journal/mine/delete/",
    }.items():
        phone.goto(path)
        assert phone.locator("html").get_attribute("lang") == language
        shot(phone, f"journal-{name.replace(' ', '-')}-{language}")
        if violations := serious_violations(phone):
            problems[name] = violations
    other_phone.goto(f"/journal/answer/{selectors.answer_token(proposal)}/")
    shot(other_phone, f"journal-answer-{language}")
    if violations := serious_violations(other_phone):
        problems["answer without an account"] = violations
    assert problems == {}

"""Sign-ins, failures and sign-outs in the staff audit log, never with the password.

Sessions are recorded at sign-in and forgotten at sign-out, and end at once when the password, the
second factors or the account change.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse

from mekle.signin.models import StaffAuditEntry, StaffAuditKind, StaffSession
from mekle.signin.services import session_store
from mekle.signin.signals import factors_changed
from mekle.testing.cast import make_user

HERE = "192.0.2.10"


def every_field_of(entry):
    return " ".join(str(getattr(entry, field.attname)) for field in StaffAuditEntry._meta.fields)


@pytest.mark.django_db
def test_a_sign_in_is_logged_with_the_person_and_address(client, alice):
    client.post(reverse("login"), {"username": "alice", "password": "pw-alice"}, REMOTE_ADDR=HERE)

    entry = StaffAuditEntry.objects.get(kind=StaffAuditKind.SIGN_IN)
    assert (entry.user, entry.username, entry.ip_address, entry.path) == (alice, "alice", HERE, "/login/")
    assert "pw-alice" not in every_field_of(entry)


@pytest.mark.django_db
def test_a_failure_is_logged_with_the_name_tried_and_never_the_password(client, alice):
    client.post(reverse("login"), {"username": "alice", "password": "Secret-Guess-1"}, REMOTE_ADDR=HERE)
    client.post(reverse("login"), {"username": "nobody", "password": "Secret-Guess-2"}, REMOTE_ADDR=HERE)

    entries = StaffAuditEntry.objects.filter(kind=StaffAuditKind.SIGN_IN_FAILED).order_by("id")
    assert [(e.user, e.username, e.ip_address) for e in entries] == [(alice, "alice", HERE), (None, "nobody", HERE)]
    assert not any("Secret-Guess" in every_field_of(e) for e in entries)


@pytest.mark.django_db
def test_a_sign_out_is_logged(client, alice):
    client.force_login(alice)

    client.post(reverse("logout"), REMOTE_ADDR=HERE)

    entry = StaffAuditEntry.objects.get(kind=StaffAuditKind.SIGNED_OUT)
    assert (entry.user, entry.ip_address) == (alice, HERE)


@pytest.mark.django_db
def test_signing_out_when_not_signed_in_logs_nothing(client):
    client.post(reverse("logout"))

    assert not StaffAuditEntry.objects.filter(kind=StaffAuditKind.SIGNED_OUT).exists()


@pytest.mark.django_db
def test_a_portal_link_that_fails_is_not_counted_as_a_staff_sign_in(rf):
    from django.contrib.auth import authenticate

    assert authenticate(rf.get("/portal/"), sesame="not-a-token") is None

    assert not StaffAuditEntry.objects.exists()


@pytest.mark.django_db
def test_signing_out_after_the_account_was_deleted_keeps_only_the_name(rf, outsider):
    from django.contrib.auth import logout
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.post("/portal/journal/delete/")
    request.session, request.user = SessionStore(), outsider
    type(outsider).objects.filter(pk=outsider.pk).delete()

    logout(request)

    entry = StaffAuditEntry.objects.get(kind=StaffAuditKind.SIGNED_OUT)
    assert (entry.user_id, entry.username) == (None, "outsider")


FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
NEW_PASSWORD = "en ny og lang passfrase"


@pytest.fixture
def administrator(db):
    return make_user("root", is_staff=True, is_superuser=True)


def browser(user):
    """A browser where `user` is signed in."""
    client = Client()
    client.force_login(user)
    return client


def is_signed_in(client):
    return client.get(reverse("healthz")).wsgi_request.user.is_authenticated


def ended_entries():
    return list(StaffAuditEntry.objects.filter(kind=StaffAuditKind.SESSION_ENDED).order_by("pk"))


def test_signing_in_records_the_session_with_its_browser_and_address(alice):
    client = Client(headers={"User-Agent": FIREFOX}, REMOTE_ADDR="192.0.2.7")
    client.post(reverse("login"), {"username": "alice", "password": "pw-alice"})

    row = StaffSession.objects.get(user=alice)
    assert row.session_key == client.session.session_key
    assert (row.browser, row.system, row.ip_address) == ("Firefox", "Linux", "192.0.2.7")
    assert row.started_at == row.last_seen_at


def test_signing_out_forgets_the_session_and_logs_it(alice):
    client = browser(alice)
    client.post(reverse("logout"))
    assert not StaffSession.objects.exists()
    assert StaffAuditEntry.objects.filter(kind=StaffAuditKind.SIGNED_OUT, user=alice).count() == 1


def test_portal_sign_ins_are_not_recorded(client, ola_user):
    client.force_login(ola_user)
    assert not StaffSession.objects.exists()


def test_a_password_changed_in_a_shell_ends_every_session(alice):
    first, second = browser(alice), browser(alice)
    keys = [first.session.session_key, second.session.session_key]

    alice.set_password("a new long passphrase")
    alice.save()

    assert not is_signed_in(first)
    assert not is_signed_in(second)
    assert not any(SessionStore().exists(key) for key in keys)
    assert not StaffSession.objects.exists()
    assert {e.detail.split(";")[0] for e in ended_entries()} == {"password changed"}
    assert StaffAuditEntry.objects.filter(kind=StaffAuditKind.PASSWORD_CHANGED, user=alice).count() == 1


def test_changing_ones_own_password_ends_the_other_sessions_and_keeps_this_one(administrator):
    here, elsewhere = browser(administrator), browser(administrator)
    StaffSession.objects.filter(session_key=elsewhere.session.session_key).update(browser="Safari", system="iPhone")

    response = here.post(
        reverse("admin:password_change"),
        {"old_password": "pw-root", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert is_signed_in(here)
    assert not is_signed_in(elsewhere)
    (row,) = StaffSession.objects.filter(user=administrator)
    assert row.session_key == here.session.session_key  # the key Django gave the session on the change
    (entry,) = ended_entries()
    assert entry.detail.startswith("password changed; Safari on iPhone, from an unknown address, signed in ")
    assert entry.actor is None  # the person did it themselves


def test_an_administrator_changing_someones_password_ends_all_their_sessions(administrator, alice):
    browser(alice)
    admin = browser(administrator)

    response = admin.post(
        reverse("admin:auth_user_password_change", args=[alice.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 302
    assert not StaffSession.objects.filter(user=alice).exists()
    assert StaffSession.objects.filter(user=administrator).exists()
    (entry,) = ended_entries()
    assert (entry.user, entry.actor) == (alice, administrator)
    changed = StaffAuditEntry.objects.get(kind=StaffAuditKind.PASSWORD_CHANGED)
    assert (changed.user, changed.actor) == (alice, administrator)


def test_deactivating_the_account_ends_every_session(alice):
    first, second = browser(alice), browser(alice)

    alice.is_active = False
    alice.save()

    assert not is_signed_in(first)
    assert not is_signed_in(second)
    assert not StaffSession.objects.exists()
    assert [e.detail.split(";")[0] for e in ended_entries()] == ["account deactivated"] * 2


def test_saving_a_user_otherwise_ends_nothing(alice):
    client = browser(alice)
    alice.first_name = "Alicia"
    alice.save()
    alice.save(update_fields=["last_login"])
    assert is_signed_in(client)
    assert not ended_entries()


def test_changed_factors_end_the_other_sessions_and_keep_the_one_that_changed_them(alice, rf):
    here, elsewhere = browser(alice), browser(alice)
    request = rf.post("/workspace/second-factor/")
    request.session = SessionStore(here.session.session_key)
    request.user = alice

    factors_changed.send(sender=None, user=alice, actor=alice, request=request)

    assert is_signed_in(here)
    assert not is_signed_in(elsewhere)
    (entry,) = ended_entries()
    assert entry.detail.startswith("second factors changed")


def test_factors_reset_by_an_administrator_end_every_session_of_the_person(alice, administrator, rf):
    browser(alice)
    browser(alice)
    request = rf.post("/admin/")
    request.session = SessionStore()
    request.user = administrator

    factors_changed.send(sender=None, user=alice, actor=administrator, request=request)

    assert not StaffSession.objects.filter(user=alice).exists()
    assert [(e.user, e.actor) for e in ended_entries()] == [(alice, administrator)] * 2


def test_factors_changed_without_a_request_end_every_session(alice):
    browser(alice)
    factors_changed.send(sender=None, user=alice, actor=None, request=None)
    assert not StaffSession.objects.exists()


def test_the_log_never_holds_a_session_key(alice):
    client = browser(alice)
    key = client.session.session_key
    alice.is_active = False
    alice.save()
    assert not StaffAuditEntry.objects.filter(detail__contains=key).exists()


@pytest.mark.parametrize(
    "engine",
    [
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
        "django.contrib.sessions.backends.cache",
    ],
)
def test_ending_works_with_every_session_store(alice, settings, engine):
    settings.SESSION_ENGINE = engine
    first, second = browser(alice), browser(alice)
    keys = [first.session.session_key, second.session.session_key]
    assert all(session_store().exists(key) for key in keys)

    alice.is_active = False
    alice.save()

    assert not any(session_store().exists(key) for key in keys)
    assert not is_signed_in(first)
    assert not is_signed_in(second)


def test_an_anonymous_request_keeps_nothing(alice, rf):
    browser(alice)
    request = rf.post("/")
    request.session = SessionStore()
    request.user = AnonymousUser()
    factors_changed.send(sender=None, user=alice, actor=None, request=request)
    assert not StaffSession.objects.exists()


def test_a_sign_in_signal_without_a_session_records_nothing(alice, rf):
    from django.contrib.auth.signals import user_logged_in

    user_logged_in.send(sender=type(alice), request=rf.get("/"), user=alice)
    assert not StaffSession.objects.exists()

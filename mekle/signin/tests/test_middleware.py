"""A refused page for a signed-in person: an entry in the staff audit log, no traceback in the log.

How long a staff session lasts, what the person is told when it ends, and its row kept up to date.
"""

import datetime as dt
import logging

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mekle.signin.middleware import RECORD, SEEN_AT
from mekle.signin.models import StaffAuditEntry, StaffAuditKind, StaffSession


@pytest.mark.django_db
def test_a_forbidden_page_is_logged_with_its_path_and_status(client, mia):
    client.force_login(mia)

    response = client.get(reverse("workspace:referral_new"), REMOTE_ADDR="192.0.2.4")

    assert response.status_code == 403
    entry = StaffAuditEntry.objects.get(kind=StaffAuditKind.ACCESS_REFUSED)
    assert (entry.user, entry.path, entry.detail, entry.ip_address) == (
        mia,
        reverse("workspace:referral_new"),
        "GET 403",
        "192.0.2.4",
    )


@pytest.mark.django_db
def test_a_page_not_found_is_logged(client, alice):
    client.force_login(alice)

    assert client.get("/workspace/no-such-page/").status_code == 404

    entry = StaffAuditEntry.objects.get(kind=StaffAuditKind.ACCESS_REFUSED)
    assert (entry.path, entry.detail) == ("/workspace/no-such-page/", "GET 404")


@pytest.mark.django_db
def test_a_visitor_not_signed_in_is_not_logged(client):
    assert client.get("/workspace/no-such-page/").status_code == 404

    assert not StaffAuditEntry.objects.filter(kind=StaffAuditKind.ACCESS_REFUSED).exists()


@pytest.mark.django_db
def test_a_page_that_is_shown_is_not_logged_as_refused(client, alice):
    client.force_login(alice)

    assert client.get(reverse("workspace:home")).status_code == 200

    assert not StaffAuditEntry.objects.filter(kind=StaffAuditKind.ACCESS_REFUSED).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("path_of", "status", "line"), [
    (lambda: reverse("workspace:referral_new"), 403, "Forbidden"),
    (lambda: "/workspace/no-such-page/", 404, "Not Found"),
])  # fmt: skip
def test_a_refusal_is_one_line_in_the_log_without_a_traceback(client, mia, caplog, path_of, status, line):
    client.force_login(mia)

    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(path_of()).status_code == status

    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage().startswith(line)
    assert record.exc_info is None
    assert "Traceback" not in caplog.text


def test_other_errors_keep_their_traceback():
    from mekle.signin.log_filters import RefusalWithoutTraceback

    try:
        raise ValueError("boom")
    except ValueError as error:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "x", (), (ValueError, error, None))

    assert RefusalWithoutTraceback().filter(record)
    assert record.exc_info is not None


HOME = "/workspace/"


@pytest.fixture
def start():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


@pytest.fixture
def as_alice(client, alice, start):
    client.force_login(alice)
    return client


def signed_in(response):
    return response.wsgi_request.user.is_authenticated


def test_a_session_in_use_lasts(as_alice, start):
    for _ in range(10):
        start.shift(dt.timedelta(minutes=29))
        assert signed_in(as_alice.get(HOME))


def test_thirty_minutes_idle_signs_out_to_the_sign_in_page_which_says_why(as_alice, start, alice):
    start.shift(dt.timedelta(minutes=29, seconds=59))
    assert signed_in(as_alice.get(HOME))
    start.shift(dt.timedelta(minutes=30))

    response = as_alice.get(HOME + "?page=2")

    assert not signed_in(response)
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=/workspace/%3Fpage%3D2"
    page = as_alice.get(response["Location"]).content.decode()
    assert "Du ble logget ut fordi du ikke hadde vært aktiv på 30 minutter." in page
    assert not StaffSession.objects.filter(user=alice).exists()
    entry = StaffAuditEntry.objects.get(kind=StaffAuditKind.SESSION_ENDED)
    assert (entry.user, entry.detail) == (alice, "no activity for 30 minutes")


def test_ten_hours_after_signing_in_the_session_ends_even_in_use(as_alice, start):
    for _ in range(20):
        start.shift(dt.timedelta(minutes=29))
        assert signed_in(as_alice.get(HOME))  # 9 hours 40 minutes
    start.shift(dt.timedelta(minutes=20))

    response = as_alice.get(HOME)

    assert not signed_in(response)
    assert "Du ble logget ut automatisk etter 10 timer." in as_alice.get(response["Location"]).content.decode()
    assert StaffAuditEntry.objects.get(kind=StaffAuditKind.SESSION_ENDED).detail == "signed in for 10 hours"


def test_the_idle_limit_is_a_setting(as_alice, start, settings):
    settings.MEKLE_STAFF_SESSION_IDLE_MINUTES = 5
    start.shift(dt.timedelta(minutes=4))
    assert signed_in(as_alice.get(HOME))
    start.shift(dt.timedelta(minutes=5))
    assert not signed_in(as_alice.get(HOME))


def test_the_longest_session_is_a_setting(as_alice, start, settings):
    settings.MEKLE_STAFF_SESSION_MAX_HOURS = 1
    for _ in range(2):
        start.shift(dt.timedelta(minutes=29))
        assert signed_in(as_alice.get(HOME))
    start.shift(dt.timedelta(minutes=3))
    assert not signed_in(as_alice.get(HOME))


def test_last_activity_is_written_at_most_once_a_minute(as_alice, start, alice):
    row = StaffSession.objects.get(user=alice)
    start.shift(dt.timedelta(seconds=30))
    as_alice.get(HOME)
    assert StaffSession.objects.get().last_seen_at == row.last_seen_at
    assert as_alice.session[SEEN_AT] == int(row.last_seen_at.timestamp())

    start.shift(dt.timedelta(seconds=31))
    as_alice.get(HOME)
    assert StaffSession.objects.get().last_seen_at == timezone.now().replace(microsecond=0)
    assert as_alice.session[SEEN_AT] == int(timezone.now().timestamp())


def test_a_request_within_the_minute_writes_neither_session_nor_row(as_alice, start, django_assert_max_num_queries):
    as_alice.get(reverse("healthz"))
    start.shift(dt.timedelta(seconds=10))
    # At most the session, the user and its verified factor (a shared cache may hold the first two).
    with django_assert_max_num_queries(3) as queries:
        as_alice.get(reverse("healthz"))
    assert [q["sql"] for q in queries.captured_queries if not q["sql"].lstrip().upper().startswith("SELECT")] == []


def test_a_form_sent_after_the_limit_comes_back_to_the_page_it_was_sent_from(as_alice, start):
    start.shift(dt.timedelta(minutes=31))
    response = as_alice.post(HOME + "notices/1/seen/", HTTP_REFERER="http://testserver/workspace/cases/?q=x")
    assert response["Location"] == reverse("login") + "?next=/workspace/cases/%3Fq%3Dx"


def test_a_form_sent_from_elsewhere_goes_to_the_plain_sign_in_page(as_alice, start):
    start.shift(dt.timedelta(minutes=31))
    response = as_alice.post(HOME + "notices/1/seen/", HTTP_REFERER="https://evil.example/")
    assert response["Location"] == reverse("login")


def test_an_htmx_request_after_the_limit_sends_the_whole_page_to_sign_in(as_alice, start):
    start.shift(dt.timedelta(minutes=31))
    response = as_alice.get(
        HOME, headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/workspace/cases/"}
    )
    assert response["HX-Redirect"] == reverse("login") + "?next=/workspace/cases/"


def test_signing_out_after_the_limit_just_signs_out(as_alice, start):
    start.shift(dt.timedelta(minutes=31))
    response = as_alice.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert "aktiv på 30 minutter" in as_alice.get(reverse("login")).content.decode()


def test_a_session_whose_row_is_gone_was_ended_and_signs_out(as_alice, start):
    StaffSession.objects.all().delete()
    start.shift(dt.timedelta(minutes=2))
    response = as_alice.get(HOME)
    assert not signed_in(response)
    assert "påloggingen din ble avsluttet" in as_alice.get(response["Location"]).content.decode()


def test_a_session_from_before_the_rows_were_kept_gets_one(client, alice, start):
    client.force_login(alice)
    StaffSession.objects.all().delete()
    session = client.session
    del session[RECORD]
    session.save()

    assert signed_in(client.get(HOME, headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"}))

    row = StaffSession.objects.get(user=alice)
    assert (row.session_key, row.browser, row.system) == (client.session.session_key, "Firefox", "Linux")


def test_a_new_session_key_is_followed(as_alice, alice):
    session = as_alice.session
    session.cycle_key()
    session.save()
    as_alice.cookies["sessionid"] = session.session_key

    assert signed_in(as_alice.get(HOME))
    assert StaffSession.objects.get(user=alice).session_key == session.session_key


def test_portal_sessions_are_left_to_the_portal(client, ola_user, start):
    client.force_login(ola_user)
    start.shift(dt.timedelta(minutes=25))
    assert signed_in(client.get(reverse("portal:home")))
    assert not StaffSession.objects.exists()


def test_an_administrator_without_a_workspace_is_limited_too(admin_user, start):
    client = Client()
    client.force_login(admin_user)
    assert StaffSession.objects.filter(user=admin_user).exists()
    start.shift(dt.timedelta(minutes=31))
    assert not signed_in(client.get("/admin/"))

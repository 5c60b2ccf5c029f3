"""A refused page for a signed-in person: an entry in the staff audit log, no traceback in the log."""

import logging

import pytest
from django.urls import reverse

from mekle.signin.models import StaffAuditEntry, StaffAuditKind


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

"""Sign-ins, failures and sign-outs in the staff audit log, never with the password."""

import pytest
from django.urls import reverse

from mekle.signin.models import StaffAuditEntry, StaffAuditKind

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

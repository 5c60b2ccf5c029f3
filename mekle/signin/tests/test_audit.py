from datetime import timedelta

import pytest

from mekle.signin import audit
from mekle.signin.models import StaffAuditEntry, StaffAuditKind


@pytest.mark.django_db
def test_an_entry_names_the_person_the_address_and_the_page(rf, alice):
    request = rf.post("/login/", REMOTE_ADDR="192.0.2.7")

    entry = audit.record(StaffAuditKind.SIGN_IN, request=request, user=alice)

    assert (entry.kind, entry.user, entry.username, entry.ip_address, entry.path) == (
        "sign_in",
        alice,
        alice.username,
        "192.0.2.7",
        "/login/",
    )
    assert entry.occurred_at.tzinfo is not None
    assert entry.occurred_at.utcoffset() == timedelta(0)


@pytest.mark.django_db
def test_a_name_nobody_has_is_kept_as_tried_without_a_user(rf):
    entry = audit.record(StaffAuditKind.SIGN_IN_FAILED, request=rf.post("/login/"), username="nobody")

    assert (entry.user, entry.username) == (None, "nobody")
    assert StaffAuditEntry.objects.get() == entry


@pytest.mark.django_db
def test_without_a_request_nothing_about_the_address_is_made_up(alice, bob):
    entry = audit.record(StaffAuditKind.FACTORS_RESET, user=alice, actor=bob)

    assert (entry.ip_address, entry.path, entry.actor) == (None, "", bob)

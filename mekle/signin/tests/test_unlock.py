"""An administrator ends a lockout (the admin's action, services.unlock); nobody else can."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from mekle.accounts.models import Role
from mekle.signin import services
from mekle.signin.models import LockoutScope, SignInLockout, StaffAuditEntry, StaffAuditKind
from mekle.signin.rules import can_unlock_sign_in
from mekle.testing.cast import make_user

CHANGELIST = "admin:signin_signinlockout_changelist"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def administrator(db):
    return make_user("ada", role=Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def locked_alice(alice):
    for host in range(5):
        for _ in range(10):
            services.record_failed_sign_in(username="alice", ip_address=f"203.0.113.{host}")
    return SignInLockout.objects.get(scope=LockoutScope.ACCOUNT)


def unlock_through_the_admin(client, lockout):
    return client.post(reverse(CHANGELIST), {"action": "unlock_selected", "_selected_action": [lockout.pk]})


@pytest.mark.django_db
def test_an_administrator_unlocks_an_account_and_the_audit_log_names_them(client, administrator, locked_alice, alice):
    client.force_login(administrator)

    response = unlock_through_the_admin(client, locked_alice)

    assert response.status_code == 302
    locked_alice.refresh_from_db()
    assert (locked_alice.unlocked_by, locked_alice.unlocked_at is not None) == (administrator, True)
    entry = StaffAuditEntry.objects.get(kind=StaffAuditKind.UNLOCKED)
    assert (entry.user, entry.actor, entry.username) == (alice, administrator, "alice")
    assert entry.detail == "account until unlocked"


@pytest.mark.django_db
def test_after_the_unlock_the_person_signs_in_and_one_more_failure_does_not_lock_again(
    client, administrator, locked_alice
):
    services.unlock(actor=administrator, lockout=locked_alice)
    services.record_failed_sign_in(username="alice", ip_address="203.0.113.9")

    client.post(reverse("login"), {"username": "alice", "password": "pw-alice"}, REMOTE_ADDR="198.51.100.1")

    assert SESSION_KEY in client.session
    assert SignInLockout.objects.filter(unlocked_at__isnull=True).count() == 0


@pytest.mark.django_db
def test_unlocking_an_address_frees_the_address(client, administrator, alice):
    for number in range(30):
        services.record_failed_sign_in(username=f"guess{number}", ip_address="192.0.2.1")
    lockout = SignInLockout.objects.get(scope=LockoutScope.ADDRESS)

    services.unlock(actor=administrator, lockout=lockout)
    client.post(reverse("login"), {"username": "alice", "password": "pw-alice"}, REMOTE_ADDR="192.0.2.1")

    assert SESSION_KEY in client.session


@pytest.mark.django_db
def test_unlocking_twice_writes_one_entry(administrator, locked_alice):
    services.unlock(actor=administrator, lockout=locked_alice)
    services.unlock(actor=administrator, lockout=locked_alice)

    assert StaffAuditEntry.objects.filter(kind=StaffAuditKind.UNLOCKED).count() == 1


@pytest.mark.django_db
def test_a_superuser_unlocks_through_the_admin(client, locked_alice):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))

    unlock_through_the_admin(client, locked_alice)

    assert SignInLockout.objects.get(pk=locked_alice.pk).unlocked_at is not None


@pytest.mark.django_db
def test_a_caseworker_cannot_unlock(alice, bob, locked_alice):
    with pytest.raises(services.NotAllowed):
        services.unlock(actor=bob, lockout=locked_alice)

    assert SignInLockout.objects.get(pk=locked_alice.pk).unlocked_at is None
    assert not StaffAuditEntry.objects.filter(kind=StaffAuditKind.UNLOCKED).exists()


@pytest.mark.django_db
def test_a_caseworker_with_admin_access_sees_no_lockouts_and_cannot_unlock(client, office_b, locked_alice):
    client.force_login(make_user("clerk", office=office_b, role=Role.CASEWORKER, is_staff=True))

    assert client.get(reverse(CHANGELIST)).status_code == 403
    assert unlock_through_the_admin(client, locked_alice).status_code == 403
    assert SignInLockout.objects.get(pk=locked_alice.pk).unlocked_at is None


@pytest.mark.django_db
def test_the_admin_lists_lockouts_for_an_administrator_without_edit_or_delete(client, administrator, locked_alice):
    client.force_login(administrator)

    page = client.get(reverse(CHANGELIST))
    detail = client.get(reverse("admin:signin_signinlockout_change", args=[locked_alice.pk]))

    assert page.status_code == 200
    assert "unlock_selected" in page.content.decode()
    assert detail.status_code == 200
    assert client.post(reverse("admin:signin_signinlockout_delete", args=[locked_alice.pk])).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "may"),
    [
        (dict(role=Role.ADMINISTRATOR), True),
        (dict(is_superuser=True), True),
        (dict(role=Role.ADMINISTRATOR, is_active=False), False),
        (dict(role=Role.CASEWORKER), False),
        (dict(role=Role.CASEWORKER, is_staff=True), False),
        (dict(role=Role.MEDIATOR), False),
        (dict(role=Role.MANAGER), False),
        (dict(role=Role.PARTY), False),
        (dict(), False),
    ],
)
def test_only_an_administrator_or_a_superuser_may_unlock(who, may):
    assert can_unlock_sign_in(make_user("someone", **who)) is may


def test_a_visitor_may_not_unlock():
    from django.contrib.auth.models import AnonymousUser

    assert can_unlock_sign_in(AnonymousUser()) is False

"""The sign-in throttle at /login/: lockouts per name and address, per address, per account."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from mekle.lib import clock
from mekle.signin import services
from mekle.signin.models import LockoutScope, SignInFailure, SignInLockout, StaffAuditEntry, StaffAuditKind

HERE, THERE = "192.0.2.10", "198.51.100.20"
START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def sign_in(client, username, password, address=HERE):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, times, address=HERE):
    for _ in range(times):
        sign_in(client, username, "wrong-password", address)


def fail_quickly(username, times, address=HERE):
    """Failures counted as the page counts them, without drawing the page each time."""
    for _ in range(times):
        services.record_failed_sign_in(username=username, ip_address=address, path="/login/")


def signed_in(client):
    return SESSION_KEY in client.session


@pytest.fixture
def frozen():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.mark.django_db
def test_nine_failures_still_let_the_right_password_in(client, alice, frozen):
    fail(client, "alice", 9)

    sign_in(client, "alice", "pw-alice")

    assert signed_in(client)


@pytest.mark.django_db
def test_ten_failures_lock_the_name_from_that_address_for_fifteen_minutes(client, alice, frozen):
    fail(client, "alice", 10)

    lockout = SignInLockout.objects.get()
    assert (lockout.scope, lockout.username, lockout.ip_address, lockout.user) == ("pair", "alice", HERE, alice)
    assert lockout.locked_until == START + dt.timedelta(minutes=15)
    assert StaffAuditEntry.objects.filter(kind=StaffAuditKind.LOCKED_OUT, user=alice, ip_address=HERE).count() == 1


@pytest.mark.django_db
def test_the_right_password_during_a_lockout_does_not_sign_in(client, alice, frozen):
    fail(client, "alice", 10)

    response = sign_in(client, "alice", "pw-alice")

    assert response.status_code == 200
    assert not signed_in(client)
    assert "Prøv igjen senere" in response.content.decode()


@pytest.mark.django_db
def test_the_lockout_ends_by_itself_after_fifteen_minutes(client, alice, frozen):
    fail(client, "alice", 10)
    frozen.shift(dt.timedelta(minutes=14, seconds=59))
    sign_in(client, "alice", "pw-alice")
    assert not signed_in(client)

    frozen.shift(dt.timedelta(seconds=1))
    sign_in(client, "alice", "pw-alice")

    assert signed_in(client)


@pytest.mark.django_db
def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(client, alice, frozen):
    fail(client, "alice", 5)
    frozen.shift(dt.timedelta(minutes=16))
    fail(client, "alice", 5)

    sign_in(client, "alice", "pw-alice")

    assert signed_in(client)
    assert not SignInLockout.objects.exists()


@pytest.mark.django_db
def test_attempts_refused_during_a_lockout_are_logged_but_not_counted_again(client, alice, frozen):
    fail(client, "alice", 10)

    fail(client, "alice", 5)

    assert SignInFailure.objects.count() == 10
    refused = StaffAuditEntry.objects.filter(kind=StaffAuditKind.SIGN_IN_FAILED, detail="refused: locked out")
    assert refused.count() == 5


@pytest.mark.django_db
def test_another_address_is_not_locked_by_the_first(client, alice, frozen):
    fail(client, "alice", 10, address=HERE)

    sign_in(client, "alice", "pw-alice", address=THERE)

    assert signed_in(client)


@pytest.mark.django_db
def test_a_name_is_counted_whatever_its_case(client, alice, frozen):
    for name in ["alice", "Alice", "ALICE", " alice"] * 2 + ["aLice", "alicE"]:
        sign_in(client, name, "wrong-password")

    sign_in(client, "alice", "pw-alice")

    assert not signed_in(client)


@pytest.mark.django_db
def test_a_sign_in_forgets_the_failures_of_its_own_name_and_address(client, alice, frozen):
    fail(client, "alice", 9)
    sign_in(client, "alice", "pw-alice")
    client.logout()

    fail(client, "alice", 9)
    sign_in(client, "alice", "pw-alice")

    assert signed_in(client)


@pytest.mark.django_db
def test_many_names_from_one_address_block_the_address(client, alice, frozen):
    for number in range(29):
        fail_quickly(f"guess{number}", 1)
    sign_in(client, "guess29", "wrong-password")

    sign_in(client, "alice", "pw-alice")

    assert not signed_in(client)
    assert SignInLockout.objects.filter(scope=LockoutScope.ADDRESS, ip_address=HERE).exists()


@pytest.mark.django_db
def test_the_address_limit_does_not_lock_the_account_for_others(client, alice, frozen):
    for number in range(30):
        fail_quickly(f"guess{number}", 1)
    fail_quickly("alice", 5)

    sign_in(client, "alice", "pw-alice", address=THERE)

    assert signed_in(client)
    assert not SignInLockout.objects.filter(scope=LockoutScope.ACCOUNT).exists()


@pytest.mark.django_db
def test_one_address_alone_never_locks_an_account_for_good(client, alice, frozen):
    for _round in range(6):  # 60 failures over three hours, all from one address
        fail_quickly("alice", 10)
        frozen.shift(dt.timedelta(minutes=30))

    sign_in(client, "alice", "pw-alice", address=THERE)

    assert signed_in(client)
    assert not SignInLockout.objects.filter(scope=LockoutScope.ACCOUNT).exists()


@pytest.mark.django_db
def test_failures_from_several_addresses_lock_the_account_everywhere_until_unlocked(client, alice, frozen):
    for host in range(5):
        fail_quickly("alice", 10, address=f"203.0.113.{host}")

    lockout = SignInLockout.objects.get(scope=LockoutScope.ACCOUNT)
    assert (lockout.username, lockout.user, lockout.locked_until) == ("alice", alice, None)
    frozen.shift(dt.timedelta(days=30))
    sign_in(client, "alice", "pw-alice", address=THERE)
    assert not signed_in(client)


def test_the_limits_by_default(settings):
    assert (
        settings.MEKLE_SIGNIN_FAILURES_PER_PAIR,
        settings.MEKLE_SIGNIN_FAILURES_PER_ADDRESS,
        settings.MEKLE_SIGNIN_FAILURES_PER_ACCOUNT,
        settings.MEKLE_SIGNIN_WINDOW_MINUTES,
        settings.MEKLE_SIGNIN_LOCKOUT_MINUTES,
    ) == (10, 30, 50, 15, 15)


@pytest.mark.django_db
def test_the_limits_follow_the_settings(client, alice, frozen, settings):
    settings.MEKLE_SIGNIN_FAILURES_PER_PAIR = 3
    settings.MEKLE_SIGNIN_LOCKOUT_MINUTES = 60
    fail(client, "alice", 3)

    assert SignInLockout.objects.get().locked_until == clock.now() + dt.timedelta(minutes=60)


@pytest.mark.django_db
def test_old_failures_are_deleted_as_new_ones_come(client, alice, frozen):
    fail(client, "alice", 3)
    frozen.shift(dt.timedelta(hours=25))

    fail(client, "bob", 1)

    assert list(SignInFailure.objects.values_list("username", flat=True)) == ["bob"]


@pytest.mark.django_db
def test_a_proxy_header_that_holds_no_address_counts_under_one_unknown_address(client, alice, settings, frozen):
    settings.MEKLE_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    client.post(reverse("login"), {"username": "alice", "password": "nope"}, headers={"X-Real-IP": "unknown"})

    assert SignInFailure.objects.get().ip_address == "0.0.0.0"


@pytest.mark.django_db
def test_the_test_clients_login_without_a_request_still_checks_the_password(client, alice):
    assert not client.login(username="alice", password="wrong")
    assert client.login(username="alice", password="pw-alice")


@pytest.mark.django_db
def test_the_admin_sign_in_is_throttled_too(client, frozen):
    from mekle.testing.cast import make_user

    make_user("root", is_staff=True, is_superuser=True)
    for _ in range(10):
        client.post("/admin/login/", {"username": "root", "password": "wrong"}, REMOTE_ADDR=HERE)

    client.post("/admin/login/", {"username": "root", "password": "pw-root"}, REMOTE_ADDR=HERE)

    assert not signed_in(client)

"""The sign-in throttle's writes: a failure counted (and the lockouts it brings), a success that
clears its own failures, and an administrator's unlock. Each writes the staff audit log."""

import datetime as dt

from django.conf import settings
from django.db import transaction

from mekle.accounts.models import User
from mekle.lib import clock
from mekle.signin import audit, selectors
from mekle.signin.models import LockoutScope, SignInFailure, SignInLockout, StaffAuditKind
from mekle.signin.rules import can_unlock_sign_in


class NotAllowed(Exception):
    """The actor may not do this (rules.py says who may)."""


def _user_named(username: str) -> User | None:
    # As Django's backend finds the user: by the name exactly as typed.
    return User.objects.filter(username=username).first() if username else None


@transaction.atomic
def record_failed_sign_in(*, username: str, ip_address: str, path: str = "") -> list[SignInLockout]:
    """Count a wrong name or password, write it to the audit log, and lock what has now failed
    too often: the name from this address, this address, or (from several addresses) the name."""
    now = clock.now()
    name, address = selectors.normalized_username(username), selectors.usable_address(ip_address)
    SignInFailure.objects.filter(occurred_at__lt=now - max(selectors.window(), selectors.account_window())).delete()
    SignInFailure.objects.create(username=name, ip_address=address, occurred_at=now)
    user = _user_named(username)
    audit.record(StaffAuditKind.SIGN_IN_FAILED, user=user, username=username, ip_address=address, path=path)
    since, until = now - selectors.window(), now + dt.timedelta(minutes=settings.MEKLE_SIGNIN_LOCKOUT_MINUTES)
    due: list[tuple[LockoutScope, str, str | None, dt.datetime | None]] = []
    if (
        selectors.failures_of_pair(username=name, ip_address=address, since=since)
        >= settings.MEKLE_SIGNIN_FAILURES_PER_PAIR
    ):
        due.append((LockoutScope.PAIR, name, address, until))
    if selectors.failures_from_address(ip_address=address, since=since) >= settings.MEKLE_SIGNIN_FAILURES_PER_ADDRESS:
        due.append((LockoutScope.ADDRESS, "", address, until))
    account_since = now - selectors.account_window()
    if (
        selectors.failures_against_account(username=name, since=account_since)
        >= settings.MEKLE_SIGNIN_FAILURES_PER_ACCOUNT
    ):
        due.append((LockoutScope.ACCOUNT, name, None, None))
    made = []
    for scope, locked_name, locked_address, locked_until in due:
        if selectors.has_active_lockout(scope=scope, username=locked_name, ip_address=locked_address):
            continue
        lockout = SignInLockout.objects.create(
            scope=scope,
            username=locked_name,
            ip_address=locked_address,
            user=user if scope != LockoutScope.ADDRESS else None,
            locked_at=now,
            locked_until=locked_until,
        )
        audit.record(
            StaffAuditKind.LOCKED_OUT,
            user=lockout.user,
            username=locked_name,
            ip_address=address,
            path=path,
            detail=_describe(lockout),
        )
        made.append(lockout)
    return made


def record_refused_sign_in(*, username: str, ip_address: str, path: str = "") -> None:
    """A sign-in refused by a lockout, password unchecked: logged, not counted again."""
    audit.record(
        StaffAuditKind.SIGN_IN_FAILED,
        user=_user_named(username),
        username=username,
        ip_address=selectors.usable_address(ip_address),
        path=path,
        detail="refused: locked out",
    )


def clear_failures_after_sign_in(*, username: str, ip_address: str) -> None:
    """A person who got in from here has no failures from here to hold against them."""
    SignInFailure.objects.filter(
        username=selectors.normalized_username(username), ip_address=selectors.usable_address(ip_address)
    ).delete()


@transaction.atomic
def unlock(*, actor: User, lockout: SignInLockout, ip_address: str | None = None, path: str = "") -> None:
    """End a lockout now (an account's with its name's lockouts at single addresses), and forget the
    failures it was made of, so that the next failure does not lock again."""
    if not can_unlock_sign_in(actor):
        raise NotAllowed
    lockout = SignInLockout.objects.select_for_update().get(pk=lockout.pk)
    if lockout.unlocked_at is not None:
        return
    lockout.unlocked_at, lockout.unlocked_by = clock.now(), actor
    lockout.save(update_fields=["unlocked_at", "unlocked_by"])
    if lockout.scope == LockoutScope.ACCOUNT:
        # The person is to get in again: their name's lockouts at single addresses end with it.
        SignInLockout.objects.filter(
            scope=LockoutScope.PAIR, username=lockout.username, unlocked_at__isnull=True
        ).update(unlocked_at=lockout.unlocked_at, unlocked_by=actor)
    failures = SignInFailure.objects.all()
    if lockout.scope != LockoutScope.ADDRESS:
        failures = failures.filter(username=lockout.username)
    if lockout.scope != LockoutScope.ACCOUNT:
        failures = failures.filter(ip_address=lockout.ip_address)
    failures.delete()
    audit.record(
        StaffAuditKind.UNLOCKED,
        user=lockout.user,
        actor=actor,
        username=lockout.username,
        ip_address=ip_address,
        path=path,
        detail=_describe(lockout),
    )


def _describe(lockout: SignInLockout) -> str:
    until = f" until {lockout.locked_until:%Y-%m-%d %H:%M:%S}Z" if lockout.locked_until else " until unlocked"
    address = f" from {lockout.ip_address}" if lockout.ip_address else ""
    return f"{lockout.scope}{address}{until}"

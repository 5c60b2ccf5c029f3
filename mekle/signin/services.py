"""The sign-in throttle's writes: a failure counted (and the lockouts it brings), a success that
clears its own failures, and an administrator's unlock. Each writes the staff audit log.

Writes about staff second factors: enrolling, verifying a sign-in, removing and resetting.

Every change is one transaction, written to the staff audit log (never the code itself), and a
change of a person's factors sends `signals.factors_changed` on commit, so their other sessions end.
`request` is the HttpRequest at hand (for the log's address and page), or None.

Staff sessions: recording them at sign-in, and ending them (one, all others, or all).

Ending a session deletes it from the session store (whatever SESSION_ENGINE is: the database, the
database behind a cache, or the cache alone), so the browser holding it is signed out at its next
request, and removes its StaffSession row; each end is written to the staff audit log with why,
never with the session key. `request`, where a service takes one, is the request it happens in,
for the audit log's address and page (None for a shell or a task).
"""

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from webauthn import (
    base64url_to_bytes,
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from mekle.accounts.models import User
from mekle.accounts.types import Actor, signed_in_user
from mekle.lib import clock
from mekle.lib.errors import Refusal
from mekle.signin import audit, devices, rules, selectors
from mekle.signin.models import LockoutScope, PasskeyDevice, SignInFailure, SignInLockout, StaffAuditKind, StaffSession
from mekle.signin.rules import can_unlock_sign_in
from mekle.signin.selectors import expired_sessions_of
from mekle.signin.signals import factors_changed


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


RECOVERY_CODES = 10


@dataclass(frozen=True)
class Verification:
    """What became of a code: the device that accepted it, or why none did."""

    device: Any = None
    locked_until: dt.datetime | None = None


def _changed(*, user: Any, actor: Any, request: Any) -> None:
    transaction.on_commit(lambda: factors_changed.send(sender=PasskeyDevice, user=user, actor=actor, request=request))


def normalise_code(code: str) -> str:
    """A typed code without the spaces and hyphens it is shown with, in lower case."""
    return "".join(code.split()).replace("-", "").lower()


# --- Authenticator apps (TOTP) and recovery codes -------------------------------------------------


@transaction.atomic
def start_totp(*, user: Any) -> TOTPDevice:
    """The person's authenticator app waiting to be confirmed, made with a new secret if missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)


@transaction.atomic
def confirm_totp(*, user: Any, device: TOTPDevice, code: str, request: Any = None) -> list[str] | None:
    """Confirm the app with a code it shows. None when the code is wrong (counted); else the new
    recovery codes if the person had none yet (their first enrolment), or [] if they had."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
    if not device.verify_token(normalise_code(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(StaffAuditKind.FACTOR_ADDED, request=request, user=user, detail="totp")
    _changed(user=user, actor=user, request=request)
    if StaticDevice.objects.filter(user=user, confirmed=True).exists():
        return []
    return _new_recovery_codes(user=user, request=request)


@transaction.atomic
def add_demo_app(*, user: Any) -> TOTPDevice:
    """An authenticator app confirmed without a code, once: only for the demo staff (seed_demo), whose
    secrets `demo_logins` prints and whose current code `demo_code` shows."""
    device = selectors.app_of(user)
    return device or TOTPDevice.objects.create(user=user, name="TOTP", confirmed=True)


@transaction.atomic
def make_recovery_codes(*, user: Any, request: Any = None) -> list[str]:
    """Ten new one-time codes; the old ones stop working. Shown to the person once, never stored in clear
    anywhere else than their device's rows."""
    if not rules.can_manage_own_factors(user):
        raise PermissionDenied
    codes = _new_recovery_codes(user=user, request=request)
    _changed(user=user, actor=user, request=request)
    return codes


def _new_recovery_codes(*, user: Any, request: Any) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery", defaults={"confirmed": True})
    device.token_set.all().delete()
    device.throttle_reset(commit=True)
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    audit.record(StaffAuditKind.RECOVERY_CODES_MADE, request=request, user=user)
    return codes


def _locked_until(devices: list[Any]) -> dt.datetime | None:
    """When the person may try a code again, if any of their devices is backing off."""
    for device in devices:
        allowed, info = device.verify_is_allowed()
        if not allowed:
            until: dt.datetime | None = (info or {}).get("locked_until") or timezone.now()
            return until
    return None


@transaction.atomic
def verify_code(*, user: Any, code: str, request: Any = None) -> Verification:
    """Check a code from the authenticator app or a recovery code (which then stops working).

    Wrong codes back off per person: while any of their devices is backing off (django-otp's
    exponential throttling, 1, 2, 4 … seconds), no code is tried at all. Every refusal is logged.
    """
    devices = [type(d).objects.select_for_update().get(pk=d.pk) for d in selectors.code_devices_for(user)]
    locked_until = _locked_until(devices)
    if locked_until is not None:
        audit.record(StaffAuditKind.SECOND_FACTOR_FAILED, request=request, user=user, detail="throttled")
        return Verification(locked_until=locked_until)
    token = normalise_code(code)
    is_app_code = token.isdigit() and len(token) == 6
    candidates = [d for d in devices if isinstance(d, TOTPDevice) == is_app_code] or devices
    for device in candidates:
        if token and device.verify_token(token):
            for other in devices:
                if other is not device and other.throttling_failure_count:
                    other.throttle_reset(commit=True)
            detail = "totp" if isinstance(device, TOTPDevice) else "recovery code"
            audit.record(StaffAuditKind.SECOND_FACTOR_VERIFIED, request=request, user=user, detail=detail)
            return Verification(device=device)
    audit.record(
        StaffAuditKind.SECOND_FACTOR_FAILED,
        request=request,
        user=user,
        detail="wrong code" if is_app_code else "wrong recovery code",
    )
    return Verification()


# --- Removing and resetting -----------------------------------------------------------------------


@transaction.atomic
def remove_factor(*, user: Any, device: Any, request: Any = None) -> None:
    """Remove one of the person's own factors; never the last (they would be left with none)."""
    if not rules.owns_factor(user, device):
        raise PermissionDenied
    if len(selectors.factors_for(user)) <= 1:
        raise Refusal([_("This is your only way to confirm a sign-in. Add another before you remove it.")])
    kind = selectors.factor_kind(device)
    device.delete()
    audit.record(StaffAuditKind.FACTOR_REMOVED, request=request, user=user, detail=kind)
    _changed(user=user, actor=user, request=request)


@transaction.atomic
def reset_factors(*, person: Any, actor: Any, request: Any = None) -> None:
    """An administrator removes every factor and recovery code of `person`, who then enrols again
    at their next sign-in (a lost phone). Their other sessions end with the signal."""
    if not rules.can_reset_factors(actor):
        raise PermissionDenied
    TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()
    PasskeyDevice.objects.filter(user=person).delete()
    audit.record(StaffAuditKind.FACTORS_RESET, request=request, user=person, actor=actor)
    _changed(user=person, actor=actor, request=request)


# --- Passkeys (WebAuthn, py_webauthn) -------------------------------------------------------------


@dataclass(frozen=True)
class RelyingParty:
    """Who the browser signs for: this site's host name and the origins it is served from."""

    id: str
    origins: list[str]
    name: str = "Mekle"


def passkey_registration_options(*, user: Any, party: RelyingParty) -> tuple[str, bytes]:
    """The options for `navigator.credentials.create` (JSON) and the challenge to keep in the session."""
    options = generate_registration_options(
        rp_id=party.id,
        rp_name=party.name,
        user_id=str(user.pk).encode(),
        user_name=user.get_username(),
        user_display_name=str(user),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=bytes(p.credential_id)) for p in selectors.passkeys_for(user)
        ],
    )
    return options_to_json(options), options.challenge


@transaction.atomic
def register_passkey(
    *, user: Any, credential: str, challenge: bytes, party: RelyingParty, name: str, request: Any = None
) -> PasskeyDevice:
    """Verify the browser's answer to `passkey_registration_options` and keep the new passkey."""
    if not rules.can_manage_own_factors(user):
        raise PermissionDenied
    try:
        verified = verify_registration_response(
            credential=credential, expected_challenge=challenge, expected_rp_id=party.id, expected_origin=party.origins
        )
    except (InvalidRegistrationResponse, ValueError, KeyError, TypeError) as error:
        raise Refusal([_("The passkey could not be added. Try again.")]) from error
    if PasskeyDevice.objects.filter(credential_id=verified.credential_id).exists():
        raise Refusal([_("This passkey is already added.")])
    device: PasskeyDevice = PasskeyDevice.objects.create(
        user=user,
        name=(name.strip() or _("Passkey"))[:64],
        confirmed=True,
        credential_id=verified.credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
    )
    audit.record(StaffAuditKind.FACTOR_ADDED, request=request, user=user, detail="passkey")
    _changed(user=user, actor=user, request=request)
    return device


def passkey_sign_in_options(*, user: Any, party: RelyingParty) -> tuple[str, bytes]:
    """The options for `navigator.credentials.get` with the person's passkeys, and the challenge."""
    options = generate_authentication_options(
        rp_id=party.id,
        allow_credentials=[
            PublicKeyCredentialDescriptor(id=bytes(p.credential_id)) for p in selectors.passkeys_for(user)
        ],
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    return options_to_json(options), options.challenge


def _credential_id(credential: str) -> bytes | None:
    try:
        return base64url_to_bytes(str(json.loads(credential)["rawId"]))
    except (ValueError, KeyError, TypeError):
        return None


@transaction.atomic
def verify_passkey(
    *, user: Any, credential: str, challenge: bytes, party: RelyingParty, request: Any = None
) -> PasskeyDevice | None:
    """Check the browser's signature with one of the person's passkeys: the device, or None (logged)."""
    credential_id = _credential_id(credential)
    device: PasskeyDevice | None = (
        PasskeyDevice.objects.select_for_update().filter(user=user, confirmed=True, credential_id=credential_id).first()
        if credential_id
        else None
    )
    if device is None:
        audit.record(StaffAuditKind.SECOND_FACTOR_FAILED, request=request, user=user, detail="unknown passkey")
        return None
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=party.id,
            expected_origin=party.origins,
            credential_public_key=bytes(device.public_key),
            credential_current_sign_count=device.sign_count,
        )
    except (InvalidAuthenticationResponse, ValueError, KeyError, TypeError):
        audit.record(StaffAuditKind.SECOND_FACTOR_FAILED, request=request, user=user, detail="passkey refused")
        return None
    device.sign_count = verified.new_sign_count
    device.last_used_at = timezone.now()
    device.save(update_fields=["sign_count", "last_used_at"])
    audit.record(StaffAuditKind.SECOND_FACTOR_VERIFIED, request=request, user=user, detail="passkey")
    return device


# Why a session ended, as the audit log says it (the log is read by administrators, in English).
PASSWORD_CHANGED = "password changed"
FACTORS_CHANGED = "second factors changed"
DEACTIVATED = "account deactivated"
BY_THE_PERSON = "ended by the person from their list of sessions"
ALL_OTHERS_BY_THE_PERSON = "all other sessions ended by the person from their list of sessions"


def idle_for(minutes: int) -> str:
    return f"no activity for {minutes} minutes"


def signed_in_for(hours: int) -> str:
    return f"signed in for {hours} hours"


def session_store() -> SessionBase:
    store: SessionBase = import_module(settings.SESSION_ENGINE).SessionStore()
    return store


@transaction.atomic
def start_session(
    *, user: User, session_key: str, ip_address: str | None, user_agent: str, now: dt.datetime
) -> StaffSession:
    """A staff sign-in: its row (the same row when the person signs in again in the same session).
    The person's sessions that ran out unseen (a closed browser) are cleared away first; not the one
    being signed in to, which Django saves after this (it may still hold the old row when the store
    kept the session, as a shared cache does until its own expiry)."""
    _discard(expired_sessions_of(user).exclude(session_key=session_key))
    browser, system = devices.describe(user_agent)
    session, _created = StaffSession.objects.update_or_create(
        session_key=session_key,
        defaults={
            "user": user,
            "started_at": now,
            "last_seen_at": now,
            "ip_address": ip_address,
            "browser": browser,
            "system": system,
        },
    )
    return session


def note_activity(*, session_id: int, session_key: str, now: dt.datetime) -> bool:
    """The session was used at `now`; False when its row is gone (the session was ended)."""
    return StaffSession.objects.filter(pk=session_id, session_key=session_key).update(last_seen_at=now) == 1


def follow_new_key(*, session_id: int, old_key: str, new_key: str) -> bool:
    """The session store gave the session a new key (Django does at sign-in and on a password change);
    False when its row is gone."""
    return StaffSession.objects.filter(pk=session_id, session_key=old_key).update(session_key=new_key) == 1


@transaction.atomic
def record_sign_out(*, user: User, session_key: str | None, request: Any = None) -> None:
    """The person signed out: the session's row goes (receivers.record_sign_out writes the log, for
    every sign-out, staff or not)."""
    StaffSession.objects.filter(user=user, session_key=session_key).delete()


@transaction.atomic
def record_expiry(*, user: User, session_key: str | None, why: str, request: Any = None) -> None:
    """The session ran out (the middleware signs the person out): its row goes, and the log says why."""
    StaffSession.objects.filter(user=user, session_key=session_key).delete()
    audit.record(StaffAuditKind.SESSION_ENDED, request=request, user=user, detail=why)


@transaction.atomic
def end_session(*, actor: Actor, session: StaffSession, current_session_key: str | None, request: Any = None) -> None:
    """The person ends one of their other sessions from their list. The one in use is ended by signing out."""
    user = signed_in_user(actor)
    if user is None or session.user_id != user.pk:
        raise Refusal([_("This is not one of your sessions.")])
    if session.session_key == current_session_key:
        raise Refusal([_("This is the session you are using. Sign out to end it.")])
    _end([session], user=user, why=BY_THE_PERSON, actor=None, request=request)


@transaction.atomic
def end_other_sessions(
    *, user: User, keep_session_key: str | None, why: str, actor: User | None = None, request: Any = None
) -> int:
    """End every session of `user` but the one with `keep_session_key` (the one in use, when the person
    acts themselves); the number ended."""
    others = StaffSession.objects.filter(user=user).exclude(session_key=keep_session_key or "")
    return _end(others.select_for_update(), user=user, why=why, actor=actor, request=request)


@transaction.atomic
def end_all_sessions(*, user: User, why: str, actor: User | None = None, request: Any = None) -> int:
    sessions = StaffSession.objects.filter(user=user).select_for_update()
    return _end(sessions, user=user, why=why, actor=actor, request=request)


def _end(sessions: Iterable[StaffSession], *, user: User, why: str, actor: User | None, request: Any) -> int:
    """`actor` is named in the log when somebody else ended the sessions (an administrator)."""
    ended = list(sessions)
    actor = actor if actor is not None and actor.pk != user.pk else None
    store = session_store()
    for session in ended:
        store.delete(session.session_key)
        audit.record(
            StaffAuditKind.SESSION_ENDED,
            request=request,
            user=user,
            actor=actor,
            detail=f"{why}; {_described(session)}",
        )
    StaffSession.objects.filter(pk__in=[s.pk for s in ended]).delete()
    return len(ended)


def _discard(sessions: Iterable[StaffSession]) -> None:
    """Rows of sessions that ran out by the limits: out of the store and away, nothing to log (nobody
    was signed out; the session was dead already)."""
    gone = list(sessions)
    store = session_store()
    for session in gone:
        store.delete(session.session_key)
    StaffSession.objects.filter(pk__in=[s.pk for s in gone]).delete()


def _described(session: StaffSession) -> str:
    device = " on ".join(part for part in (session.browser, session.system) if part) or "unknown browser"
    return (
        f"{device}, from {session.ip_address or 'an unknown address'}, signed in {session.started_at:%Y-%m-%d %H:%M}Z"
    )

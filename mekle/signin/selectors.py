"""What the sign-in throttle reads: the failures in a window, and the lockout that refuses a sign-in.

Reads about a person's second factors: which they have, and how many recovery codes are left.

Reading staff sessions: which of a person's sessions are still alive, by the session limits.
"""

import datetime as dt
import ipaddress
from base64 import b32encode
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from mekle.accounts.models import User
from mekle.lib import clock
from mekle.signin.models import LockoutScope, PasskeyDevice, SignInFailure, SignInLockout, StaffSession

# Where no usable address is known (no socket address, or a proxy header that holds no address),
# the failures are counted together under this one.
UNKNOWN_ADDRESS = "0.0.0.0"


def normalized_username(username: str) -> str:
    """The name a failure and a lockout are kept under: ``Alice `` and ``alice`` count as one."""
    return username.strip().casefold()[:150]


def usable_address(ip_address: str) -> str:
    try:
        return str(ipaddress.ip_address(ip_address.strip()))
    except ValueError:
        return UNKNOWN_ADDRESS


def window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.MEKLE_SIGNIN_WINDOW_MINUTES)


def account_window() -> dt.timedelta:
    return dt.timedelta(hours=settings.MEKLE_SIGNIN_ACCOUNT_WINDOW_HOURS)


def _active_at(moment: dt.datetime) -> Q:
    return Q(unlocked_at__isnull=True) & (Q(locked_until__isnull=True) | Q(locked_until__gt=moment))


def lockout_refusing(*, username: str, ip_address: str) -> SignInLockout | None:
    """The active lockout that refuses this name from this address, if any: the pair's own, the
    address's, or the account's. A name nobody has is refused exactly like one somebody has."""
    name, address = normalized_username(username), usable_address(ip_address)
    which = (
        Q(scope=LockoutScope.PAIR, username=name, ip_address=address)
        | Q(scope=LockoutScope.ADDRESS, ip_address=address)
        | Q(scope=LockoutScope.ACCOUNT, username=name)
    )
    return SignInLockout.objects.filter(_active_at(clock.now()) & which).first()


def has_active_lockout(*, scope: LockoutScope, username: str = "", ip_address: str | None = None) -> bool:
    found = SignInLockout.objects.filter(_active_at(clock.now()), scope=scope)
    if scope != LockoutScope.ADDRESS:
        found = found.filter(username=username)
    if scope != LockoutScope.ACCOUNT:
        found = found.filter(ip_address=ip_address)
    return found.exists()


def failures_of_pair(*, username: str, ip_address: str, since: dt.datetime) -> int:
    return SignInFailure.objects.filter(username=username, ip_address=ip_address, occurred_at__gte=since).count()


def failures_from_address(*, ip_address: str, since: dt.datetime) -> int:
    return SignInFailure.objects.filter(ip_address=ip_address, occurred_at__gte=since).count()


def failures_against_account(*, username: str, since: dt.datetime) -> int:
    """Failures for this name from every address, each address counting at most as many as lock a
    pair: one address alone can never lock an account, only several together can."""
    cap = settings.MEKLE_SIGNIN_FAILURES_PER_PAIR
    per_address = (
        SignInFailure.objects.filter(username=username, occurred_at__gte=since)
        .values("ip_address")
        .annotate(n=Count("id"))
        .values_list("n", flat=True)
    )
    return sum(min(n, cap) for n in per_address)


# The kinds of factor a person signs in with, by the name the pages use in their URLs.
FACTOR_MODELS: dict[str, Any] = {"totp": TOTPDevice, "passkey": PasskeyDevice}


def factors_for(user: Any) -> list[Any]:
    """The person's confirmed authenticator apps and passkeys, oldest first (recovery codes apart)."""
    factors = [*TOTPDevice.objects.filter(user=user, confirmed=True), *PasskeyDevice.objects.filter(user=user)]
    return sorted(factors, key=lambda device: (device.created_at or device.pk, device.pk))


def has_factor(user: Any) -> bool:
    """Whether the person has enrolled: an authenticator app or a passkey (codes alone do not count)."""
    return bool(
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or PasskeyDevice.objects.filter(user=user, confirmed=True).exists()
    )


def factor_kind(device: Any) -> str:
    """The URL name of a factor's kind: "totp" or "passkey"."""
    return "passkey" if isinstance(device, PasskeyDevice) else "totp"


def own_factor(user: Any, kind: str, pk: int) -> Any | None:
    """One of the person's own factors, or None (someone else's is None too, as if it did not exist)."""
    model = FACTOR_MODELS.get(kind)
    if model is None:
        return None
    return model.objects.filter(user=user, pk=pk, confirmed=True).first()


def passkeys_for(user: Any) -> list[PasskeyDevice]:
    return list(PasskeyDevice.objects.filter(user=user, confirmed=True).order_by("pk"))


def recovery_codes_left(user: Any) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def code_devices_for(user: Any) -> list[Any]:
    """The devices a typed code is checked against (authenticator apps first, then recovery codes)."""
    return [
        *TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"),
        *StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk"),
    ]


def current_code(device: TOTPDevice) -> str:
    """The code the app shows now, or the next one if this one was used already (a code works once).
    For the demo's `demo_code` command and the tests; a real person reads it off their phone."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if totp.t() <= device.last_t:
        totp.time = (device.last_t + 1) * device.step + device.t0
    return f"{totp.token():0{device.digits}d}"


def secret_of(device: TOTPDevice) -> str:
    """The app's secret as an authenticator app takes it by hand (base32)."""
    return b32encode(device.bin_key).decode()


def app_of(user: Any) -> TOTPDevice | None:
    """The person's first confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def idle_limit() -> dt.timedelta:
    return dt.timedelta(minutes=settings.MEKLE_STAFF_SESSION_IDLE_MINUTES)


def longest_session() -> dt.timedelta:
    return dt.timedelta(hours=settings.MEKLE_STAFF_SESSION_MAX_HOURS)


def _expired_at(now: dt.datetime) -> Q:
    """Sessions the middleware would end at their next request (a browser closed or left is never back
    to be ended, so its row outlives it)."""
    return Q(last_seen_at__lte=now - idle_limit()) | Q(started_at__lte=now - longest_session())


def active_sessions_of(user: User) -> QuerySet[StaffSession]:
    """The person's sessions that have not run out, the most recently used first."""
    return StaffSession.objects.filter(user=user).exclude(_expired_at(clock.now()))


def expired_sessions_of(user: User) -> QuerySet[StaffSession]:
    return StaffSession.objects.filter(user=user).filter(_expired_at(clock.now()))

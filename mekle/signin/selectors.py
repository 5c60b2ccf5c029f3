"""What the sign-in throttle reads: the failures in a window, and the lockout that refuses a sign-in."""

import datetime as dt
import ipaddress

from django.conf import settings
from django.db.models import Count, Q

from mekle.lib import clock
from mekle.signin.models import LockoutScope, SignInFailure, SignInLockout

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

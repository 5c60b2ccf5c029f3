"""API keys for referring organisations: creation (the key is shown once), checking, rotation, rate limits."""

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from mekle.accounts.models import Office
from mekle.accounts.selectors import seconds_until_allowance
from mekle.accounts.services import sender_key, take_allowance
from mekle.lib import clock
from mekle.lib.windows import count_in_window

from ..models import ApiKey, ApiRequestLog, ReferrerOrganisation

KEY_PREFIX = "mk_"
MINUTE = dt.timedelta(minutes=1)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IssuedKey:
    """A new key and its secret: `secret` exists only here and is shown once."""

    api_key: ApiKey
    secret: str


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_secret() -> tuple[str, str]:
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    return secret, secret[:12]


@transaction.atomic
def issue_api_key(
    *,
    organisation: ReferrerOrganisation,
    offices: Iterable[Office],
    case_types: list[str],
    name: str = "",
    api_key: ApiKey | None = None,
) -> IssuedKey:
    """Create a key for `organisation`, scoped to `offices` and `case_types` (or fill in an unsaved `api_key`)."""
    secret, prefix = _new_secret()
    key = api_key or ApiKey(organisation=organisation, name=name, case_types=case_types)
    key.organisation = organisation
    key.prefix, key.key_hash = prefix, hash_key(secret)
    key.save()
    if api_key is None:
        key.offices.set(list(offices))
    return IssuedKey(api_key=key, secret=secret)


@transaction.atomic
def rotate_api_key(*, api_key: ApiKey, overlap: dt.timedelta = dt.timedelta(days=7)) -> IssuedKey:
    """A new key with the old one's scope; the old one keeps working for `overlap`, then stops."""
    issued = issue_api_key(
        organisation=api_key.organisation,
        offices=api_key.offices.all(),
        case_types=list(api_key.case_types),
        name=api_key.name,
    )
    ends = clock.now() + overlap
    if api_key.revoked_at is None or api_key.revoked_at > ends:
        api_key.revoked_at = ends
        api_key.save(update_fields=["revoked_at"])
    return issued


def revoke_api_key(*, api_key: ApiKey) -> None:
    api_key.revoked_at = clock.now()
    api_key.save(update_fields=["revoked_at"])


def authenticate(secret: str) -> ApiKey | None:
    """The active key with this secret, with its organisation; None for an unknown or revoked one."""
    if not secret.startswith(KEY_PREFIX):
        return None
    key = ApiKey.objects.select_related("organisation").filter(key_hash=hash_key(secret)).first()
    if key is None or not key.is_active_at(clock.now()):
        return None
    now = clock.now()
    if key.last_used_at is None or now - key.last_used_at > dt.timedelta(minutes=1):
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)  # at most once a minute: no write per call
    return key


def take_call(api_key: ApiKey) -> int:
    """Count one call of `api_key` against its per-minute limit: 0 if it may go ahead, else the seconds to wait.

    A sliding minute, counted in the database (`take_allowance` locks the key's row while it counts):
    the limit holds however many threads, processes or machines serve the API, whatever the cache.
    A refused call is not counted.
    """
    key, limit = f"api-key:{api_key.pk}", settings.MEKLE_API_REQUESTS_PER_MINUTE
    if take_allowance(key=key, limit=limit, per=MINUTE):
        return 0
    return seconds_until_allowance(key=key, limit=limit, per=MINUTE)


@dataclass(frozen=True)
class KeylessCall:
    """A call without a valid key: `wait` seconds before the address may try again (0: not limited yet),
    and whether it is the address's first of the minute (`log`: the one that goes to the request log)."""

    wait: int
    log: bool


def count_call_without_key(*, address: str) -> KeylessCall:
    """Count a call with a missing, wrong or revoked key from `address`, in the cache: no database write.

    After `MEKLE_API_BAD_KEY_CALLS_PER_MINUTE` such calls in a minute the address is refused until the
    minute ends; a valid key from the same address still works. One warning says when an address
    reaches the limit; of its calls only the first of each minute is logged as a row.
    """
    counted = count_in_window(sender_key("api-bad-key", address), seconds=60)
    limit = settings.MEKLE_API_BAD_KEY_CALLS_PER_MINUTE
    if counted.count == limit + 1:
        logger.warning(
            "API: %s calls without a valid key from %s within a minute; refused for %s s",
            counted.count,
            address,
            counted.seconds_left,
        )
    return KeylessCall(wait=counted.seconds_left if counted.count > limit else 0, log=counted.count == 1)


def log_request(*, api_key: ApiKey | None, method: str, path: str, status: int, duration_ms: int) -> None:
    ApiRequestLog.objects.create(
        api_key=api_key, method=method, path=path[:300], status=status, duration_ms=duration_ms, created_at=clock.now()
    )

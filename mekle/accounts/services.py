"""Writes that belong to no one feature: how often a sender may repeat a limited action."""

import datetime as dt

from django.db import transaction
from django.utils.crypto import salted_hmac

from mekle.lib import clock

from .models import RateLimit

HOUR = dt.timedelta(hours=1)


def sender_key(action: str, value: str) -> str:
    """A key for `take_allowance` that names a sender (an address, a client IP) without storing it."""
    digest = salted_hmac("mekle.accounts.rate-limit", value.strip().lower(), algorithm="sha256").hexdigest()
    return f"{action}:{digest}"


@transaction.atomic
def take_allowance(*, key: str, limit: int, per: dt.timedelta = HOUR) -> bool:
    """Count one use of `key`; ``False`` (and nothing counted) when it was used `limit` times within `per`.

    A sliding window over the row's own list of hits. The row is created once (a race to create it
    is settled by the unique key) and then locked (PostgreSQL: the row; SQLite: the write lock that
    an IMMEDIATE transaction takes), so concurrent requests never both take the last allowance.
    """
    now = clock.now()
    RateLimit.objects.get_or_create(key=key, defaults={"updated_at": now})
    row = RateLimit.objects.select_for_update().get(key=key)
    since = now - per
    hits = [hit for hit in row.hits if dt.datetime.fromisoformat(hit) > since]
    allowed = len(hits) < limit
    if allowed:
        hits.append(now.isoformat())
    row.hits, row.updated_at = hits, now
    row.save(update_fields=["hits", "updated_at"])
    return allowed


def forget_old_allowances(*, older_than: dt.timedelta = dt.timedelta(days=1)) -> int:
    """Delete rows untouched for a day: their hits are long out of every window."""
    deleted, _kinds = RateLimit.objects.filter(updated_at__lt=clock.now() - older_than).delete()
    return deleted

"""Reads of notices for the workspace."""

from mekle.accounts.types import Actor

from .models import StaffNotice


def open_notices_for(user: Actor, limit: int = 20) -> list[StaffNotice]:
    """The user's notices not yet marked seen, newest first, with each case's reference: one query."""
    if not user.is_authenticated:
        return []
    notices = StaffNotice.objects.filter(user_id=user.pk, seen_at__isnull=True).select_related("case")
    return list(notices.only("id", "kind", "created_at", "case_id", "case__reference", "user_id")[:limit])

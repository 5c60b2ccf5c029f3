"""Writes to the access log."""

from mekle.accounts.models import Role
from mekle.accounts.types import Actor
from mekle.cases.services import actor_id_of

from .models import AccessLogEntry


def log_access(
    *, user: Actor, what: str, path: str, case_reference: str = "", object_id: str = "", detail: str = ""
) -> None:
    """One row per read, written before the page is sent."""
    AccessLogEntry.objects.create(
        user_id=actor_id_of(user),
        role=role_of_reader(user),
        what=what[:50],
        case_reference=case_reference[:20],
        object_id=object_id[:50],
        path=path[:500],
        detail=detail[:500],
    )


def role_of_reader(user: Actor) -> str:
    """The reader's role as they read: an administrator of Django's admin may have none of their own."""
    if not user.is_authenticated:
        return ""
    if user.role:
        return str(user.role)
    return Role.ADMINISTRATOR if user.is_superuser or user.is_staff else ""

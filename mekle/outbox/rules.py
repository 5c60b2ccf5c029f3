"""Who may see the task queue and run a failed or stuck task again: an administrator (or a superuser)."""

from mekle.accounts.models import Role
from mekle.accounts.types import Actor


def can_manage_tasks(user: Actor) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and getattr(user, "is_staff", False)
        and (user.is_superuser or user.role == Role.ADMINISTRATOR)
    )

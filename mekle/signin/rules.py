"""Who may do what with sign-in: only an administrator (or a superuser) unlocks a lockout.

Who needs a second factor, and who may see, change or reset a person's factors.

Staff are the roles that work with cases (caseworker, mediator, manager, administrator) and anyone
who may open the Django admin (`is_staff`, `is_superuser`). Parties, guardians and journal keepers
sign in by link or ID-porten and are never asked for a staff factor; the API uses its keys.
"""

from typing import Any

from mekle.accounts.models import Role
from mekle.accounts.types import Actor


def can_unlock_sign_in(user: Actor) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.role == Role.ADMINISTRATOR))


STAFF_ROLES = frozenset({Role.CASEWORKER, Role.MEDIATOR, Role.MANAGER, Role.ADMINISTRATOR})


def needs_second_factor(user: Any) -> bool:
    """A signed-in member of staff, whatever their role's office: they must confirm every sign-in."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.role in STAFF_ROLES or user.is_staff or user.is_superuser)


def can_manage_own_factors(user: Any) -> bool:
    """Open the pages for one's own sign-in factors: staff only (a portal party has none to manage)."""
    return needs_second_factor(user)


def owns_factor(user: Any, device: Any) -> bool:
    """A factor is its owner's alone: nobody else sees or removes it, an administrator neither
    (an administrator resets a person's factors as a whole, in the admin)."""
    return needs_second_factor(user) and device.user_id == user.pk


def can_reset_factors(actor: Any) -> bool:
    """Reset another person's factors (they enrol again at their next sign-in): an administrator or
    a superuser, with the session verified by their own second factor."""
    if not needs_second_factor(actor):
        return False
    return bool(actor.role == Role.ADMINISTRATOR or actor.is_superuser)

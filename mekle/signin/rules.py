"""Who may do what with sign-in: only an administrator (or a superuser) unlocks a lockout."""

from mekle.accounts.models import Role
from mekle.accounts.types import Actor


def can_unlock_sign_in(user: Actor) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.role == Role.ADMINISTRATOR))

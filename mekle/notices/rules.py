"""Who may do what with a notice: only the person it was given to."""

from mekle.accounts.types import Actor

from .models import StaffNotice


def can_see_notice(user: Actor, notice: StaffNotice) -> bool:
    return bool(user.is_authenticated and user.is_active and notice.user_id == user.pk)

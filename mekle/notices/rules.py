"""Who may do what with a notice: only the person it was given to."""

from typing import Any

from .models import StaffNotice


def can_see_notice(user: Any, notice: StaffNotice) -> bool:
    return bool(user.is_authenticated and user.is_active and notice.user_id == user.pk)

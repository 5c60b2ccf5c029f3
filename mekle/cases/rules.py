"""Who may do what with a case, as far as `cases` itself knows: its office."""

from typing import Any

from .models import Case


def is_office_caseworker(user: Any, case: Case) -> bool:
    """An active caseworker of the office the case belongs to (offices are independent in cases)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and getattr(user, "is_caseworker", False)
        and user.office_id == case.office_id
    )

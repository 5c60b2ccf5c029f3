"""Who may do what with a case, as far as `cases` itself knows: its office."""

from mekle.lib.actors import BaseActor

from .models import Case


def is_office_caseworker(user: BaseActor, case: Case) -> bool:
    """An active caseworker of the office the case belongs to (offices are independent in cases)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and getattr(user, "is_caseworker", False)
        and getattr(user, "office_id", None) == case.office_id
    )

"""Who may see and do what with a case: the apps' own rules, composed once for every door."""

from typing import Any

from mekle.accounts.models import Role
from mekle.cases.models import Case
from mekle.cases.rules import is_office_caseworker
from mekle.mediators.rules import is_assigned_mediator


def can_view_case(user: Any, case: Case) -> bool:
    """The office's caseworkers and the mediators assigned to the case."""
    return is_office_caseworker(user, case) or is_assigned_mediator(user, case)


def can_manage_case(user: Any, case: Case) -> bool:
    """Register parties, assess suitability, record consent, assign mediators, conclude follow-up."""
    return is_office_caseworker(user, case)


def can_work_on_case(user: Any, case: Case) -> bool:
    """Preparatory talks, meetings, withdrawals and ties: the caseworkers and the assigned mediators."""
    return can_view_case(user, case)


def can_register_referral(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "is_caseworker", False))


def can_use_workspace(user: Any) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.office_id and user.role in (Role.CASEWORKER, Role.MEDIATOR)
    )


def can_use_portal(user: Any) -> bool:
    """Parties and guardians signed in to the portal; staff use the workspace instead."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.PARTY)

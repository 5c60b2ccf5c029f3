"""Who may see and do what with a case: the apps' own rules, composed once for every door."""

from typing import Any

from mekle.accounts.models import Role
from mekle.agreements import rules as agreement_rules
from mekle.agreements.models import AgreementVersion
from mekle.cases.models import Case
from mekle.cases.rules import is_office_caseworker
from mekle.mediators.rules import is_assigned_mediator
from mekle.parties.models import Guardian, Party


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


def can_draft_agreement(user: Any, case: Case) -> bool:
    """Write, send for signing, revise, and record signatures given on paper."""
    return agreement_rules.can_draft(user, case)


def can_approve_agreement(user: Any, case: Case) -> bool:
    """Approve or refuse approval: the assigned mediator."""
    return agreement_rules.can_approve(user, case)


def can_sign_agreement(user: Any, version: AgreementVersion, party: Party, guardian: Guardian | None = None) -> bool:
    """Sign in the portal: only for oneself."""
    return agreement_rules.can_sign(user, version, party, guardian)

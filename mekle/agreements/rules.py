"""Who may draft, sign and approve an agreement."""

from mekle.accounts.types import Actor
from mekle.cases.models import Case
from mekle.cases.rules import is_office_caseworker
from mekle.mediators.rules import is_assigned_mediator
from mekle.parties.participants import Participant

from .models import AgreementVersion


def can_draft(user: Actor, case: Case) -> bool:
    """Write, send, revise and record paper signatures: an assigned mediator or the office's caseworker."""
    return is_office_caseworker(user, case) or is_assigned_mediator(user, case)


def can_approve(user: Actor, case: Case) -> bool:
    """Approve or refuse: the mediator decides (requirements 17 and 21), so only an assigned mediator."""
    return is_assigned_mediator(user, case)


def can_sign(user: Actor, version: AgreementVersion, participant: Participant) -> bool:
    """A person signs only for themselves: the party, or one guardian of that party, in the version's case."""
    party, guardian = participant.party, participant.guardian
    if not (user.is_authenticated and user.is_active) or party.case_id != version.agreement.case_id:
        return False
    if guardian is None:
        return bool(party.user_id == user.pk)
    return bool(guardian.party_id == party.pk and guardian.user_id == user.pk)

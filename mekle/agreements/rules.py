"""Who may draft, sign and approve an agreement, and the rules a follow-up ends by."""

from collections.abc import Sequence
from typing import Protocol

from django.utils.translation import gettext as _

from mekle.accounts.types import Actor
from mekle.cases.models import Case, Status
from mekle.cases.rules import is_office_caseworker
from mekle.lib import clock
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


def reports_to_referrer(case: Case) -> bool:
    """Criminal cases, and civil cases the police sent, get the agreement and the outcome (req. 22–23)."""
    return case.is_criminal or case.referrer_kind == "police"


# --- Ending a follow-up (requirements 24 and 25) ---------------------------------------------


class Answer(Protocol):
    """What the rules read of a commitment's answer (`selectors.CommitmentAnswer`): kept, or None."""

    @property
    def kept(self) -> bool | None: ...


class Conclusion:
    """How a follow-up ends; the caseworker chooses only after a breach in a civil case (req. 25)."""

    FULFILLED = "fulfilled"
    NOT_FULFILLED = "not_fulfilled"
    NEW_MEETING = "new_meeting"


def conclusion_refusals(case: Case, version: AgreementVersion | None, answers: Sequence[Answer]) -> list[str]:
    """Why the follow-up cannot be concluded yet; empty when it can."""
    if case.status != Status.IN_FOLLOW_UP or version is None:
        return [_("The case is not in follow-up of an approved agreement.")]
    reasons = []
    if clock.today() < version.fulfilment_date:
        reasons.append(_("The fulfilment date has not come yet."))
    if any(answer.kept is None for answer in answers):
        reasons.append(_("Answer for every commitment whether it was kept."))
    return reasons


def possible_conclusions(case: Case, answers: Sequence[Answer]) -> list[str]:
    """All kept: fulfilled. A breach: not fulfilled in a criminal case, else a new meeting or not fulfilled."""
    if all(answer.kept for answer in answers):
        return [Conclusion.FULFILLED]
    if case.is_criminal:
        return [Conclusion.NOT_FULFILLED]
    return [Conclusion.NEW_MEETING, Conclusion.NOT_FULFILLED]

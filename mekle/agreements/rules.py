"""Who may draft, sign and approve an agreement, the dates it may carry, and the rules a follow-up ends by."""

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from django.utils.translation import gettext as _

from mekle.accounts.types import Actor
from mekle.cases.models import Case, Status
from mekle.cases.rules import is_office_caseworker
from mekle.lib import clock
from mekle.lib.dates import formatted, years_after
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


# --- Dates that make sense --------------------------------------------------------------------
# One rule set: the draft form places each sentence on its field, ``services.drafting`` and
# ``services.signing`` refuse the same. Pure functions of their arguments, ``today`` included.

# How far ahead a fulfilment date (and so every commitment's date) may lie.
FULFILMENT_YEARS_AHEAD = 5


def earliest_effect(today: dt.date, cooling_off_days: int) -> dt.date:
    """The first day an agreement approved `today` can take effect: after its cooling-off period."""
    return today + dt.timedelta(days=cooling_off_days)


def latest_fulfilment_date(today: dt.date) -> dt.date:
    return years_after(today, FULFILMENT_YEARS_AHEAD)


def fulfilment_date_refusals(*, fulfilment_date: dt.date, takes_effect_on: dt.date, today: dt.date) -> list[str]:
    """Why this fulfilment date does not fit an agreement taking effect on `takes_effect_on`; empty when it does."""
    if fulfilment_date < today:
        return [_("The fulfilment date cannot be in the past.")]
    if fulfilment_date < takes_effect_on:
        return [
            _("The fulfilment date cannot be before the agreement takes effect (%(date)s).")
            % {"date": formatted(takes_effect_on, "DATE_FORMAT")}
        ]
    latest = latest_fulfilment_date(today)
    if fulfilment_date > latest:
        return [
            _("The fulfilment date can be at most %(years)s years ahead, by %(date)s.")
            % {"years": FULFILMENT_YEARS_AHEAD, "date": formatted(latest, "DATE_FORMAT")}
        ]
    return []


def due_date_refusals(
    *, due_on: dt.date, fulfilment_date: dt.date, takes_effect_on: dt.date, today: dt.date
) -> list[str]:
    """Why a commitment cannot be due on `due_on`: in the past, before the agreement takes effect, or after
    its fulfilment date (which itself lies within ``FULFILMENT_YEARS_AHEAD`` years)."""
    if due_on < today:
        return [_("The date cannot be in the past.")]
    if due_on < takes_effect_on:
        return [
            _("The date cannot be before the agreement takes effect (%(date)s).")
            % {"date": formatted(takes_effect_on, "DATE_FORMAT")}
        ]
    if due_on > fulfilment_date:
        return [_("The date cannot be after the agreement's fulfilment date.")]
    return []


def signature_date_refusals(*, signed_on: dt.date, sent_on: dt.date | None, today: dt.date) -> list[str]:
    """A paper signature is dated from the day the version was sent to today (``services.signing.sign``
    refuses a moment outside the same span)."""
    if signed_on > today:
        return [_("The date cannot be in the future.")]
    if sent_on is not None and signed_on < sent_on:
        return [
            _("The date cannot be before the version was sent (%(date)s).")
            % {"date": formatted(sent_on, "DATE_FORMAT")}
        ]
    return []


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

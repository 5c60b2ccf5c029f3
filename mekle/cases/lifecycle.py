"""The case lifecycle: the case's vocabulary (case types, statuses and what each one means,
the actions), the one table of allowed status changes with their guards, and the only code that
sets ``Case.status``.

Guards are pure functions of the case's status and its `CaseFacts` (folded from the case's own
timeline), so they are table-tested without a database. Each returns the sentences that explain
why a move is not possible yet; an empty list means it is allowed.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mekle.lib.errors import Refusal

# --- The vocabulary: case types, statuses and what each status means ------------------------------


class CaseType(models.TextChoices):
    CIVIL = "civil", gettext_lazy("Civil case")
    CRIMINAL_MEDIATION = "criminal_mediation", gettext_lazy("Mediation in the mediation service (criminal)")
    FOLLOW_UP = "follow_up", gettext_lazy("Follow-up in the mediation service")
    YOUTH_FOLLOW_UP = "youth_follow_up", gettext_lazy("Youth follow-up")
    YOUTH_SENTENCE = "youth_sentence", gettext_lazy("Youth sentence")


class Status(models.TextChoices):
    RECEIVED = "received", gettext_lazy("Received")
    ASSESSING = "assessing", gettext_lazy("Assessing suitability")
    PREPARING = "preparing", gettext_lazy("Preparing")
    MEETING_SCHEDULED = "meeting_scheduled", gettext_lazy("Meeting scheduled")
    MEETING_HELD = "meeting_held", gettext_lazy("Meeting held")
    IN_FOLLOW_UP = "in_follow_up", gettext_lazy("In follow-up")
    NOT_SUITABLE = "not_suitable", gettext_lazy("Closed: not suitable")
    NO_AGREEMENT = "no_agreement", gettext_lazy("Closed: no agreement")
    FULFILLED = "fulfilled", gettext_lazy("Closed: agreement fulfilled")
    NOT_FULFILLED = "not_fulfilled", gettext_lazy("Closed: agreement not fulfilled")
    WITHDRAWN = "withdrawn", gettext_lazy("Closed: withdrawn")


@dataclass(frozen=True)
class StatusInfo:
    """What a status means, the one place that says it; every status set is derived from these rows.

    `closed`: nothing more can happen in the case. `pre_meeting`: before a meeting is held, so the
    case can fall behind its processing target. `answers_open`: a party may still answer the
    preparation questions. `has_agreement`: the case pages show an agreement section (a withdrawal
    after the meeting leaves the agreement readable). `referrer_outcome`: what the referrer is told
    when the case closes in this status (a ``cases.selectors.ReferrerOutcome`` value).
    """

    closed: bool = False
    pre_meeting: bool = False
    answers_open: bool = False
    has_agreement: bool = False
    referrer_outcome: str | None = None


STATUS_INFO: dict[Status, StatusInfo] = {
    Status.RECEIVED: StatusInfo(pre_meeting=True, answers_open=True),
    Status.ASSESSING: StatusInfo(pre_meeting=True, answers_open=True),
    Status.PREPARING: StatusInfo(pre_meeting=True, answers_open=True),
    Status.MEETING_SCHEDULED: StatusInfo(answers_open=True),
    Status.MEETING_HELD: StatusInfo(has_agreement=True),
    Status.IN_FOLLOW_UP: StatusInfo(has_agreement=True),
    Status.NOT_SUITABLE: StatusInfo(closed=True, referrer_outcome="not_suitable"),
    Status.NO_AGREEMENT: StatusInfo(closed=True, referrer_outcome="no_agreement"),
    Status.FULFILLED: StatusInfo(closed=True, has_agreement=True, referrer_outcome="fulfilled"),
    Status.NOT_FULFILLED: StatusInfo(closed=True, has_agreement=True, referrer_outcome="not_fulfilled"),
    Status.WITHDRAWN: StatusInfo(closed=True, has_agreement=True, referrer_outcome="withdrawn"),
}


def statuses_where(test: Callable[[StatusInfo], bool]) -> frozenset[Status]:
    """The statuses whose row passes `test`, e.g. ``statuses_where(lambda i: i.closed)``."""
    return frozenset(status for status, info in STATUS_INFO.items() if test(info))


CLOSED_STATUSES = statuses_where(lambda info: info.closed)
OPEN_STATUSES = statuses_where(lambda info: not info.closed)
PRE_MEETING_STATUSES = statuses_where(lambda info: info.pre_meeting)
ANSWERS_OPEN_STATUSES = statuses_where(lambda info: info.answers_open)
AGREEMENT_STATUSES = statuses_where(lambda info: info.has_agreement)
OUTCOME_BY_STATUS: dict[Status, str] = {
    status: info.referrer_outcome for status, info in STATUS_INFO.items() if info.referrer_outcome is not None
}


class Action(StrEnum):
    """The moves of the transition table; callers pass ``Action.X``, never a bare string."""

    START_ASSESSMENT = "start_assessment"
    FIND_SUITABLE = "find_suitable"
    FIND_NOT_SUITABLE = "find_not_suitable"
    SCHEDULE_MEETING = "schedule_meeting"
    CANCEL_MEETING = "cancel_meeting"
    HOLD_MEETING = "hold_meeting"
    REACH_AGREEMENT = "reach_agreement"
    REACH_NO_AGREEMENT = "reach_no_agreement"
    MARK_FULFILLED = "mark_fulfilled"
    MARK_NOT_FULFILLED = "mark_not_fulfilled"
    OFFER_NEW_MEETING = "offer_new_meeting"
    WITHDRAW = "withdraw"


# The refusal is a library type now; the old name stays for one release.
GuardError = Refusal


@dataclass
class PartyFacts:
    name: str
    role: str = ""
    minor: bool = False
    guardians: dict[int, str] = field(default_factory=dict)
    consented: bool = False
    guardians_consented: set[int] = field(default_factory=set)
    guardian_consent_waived: bool = False
    prepared: bool = False


@dataclass
class MeetingFacts:
    meeting_type: str
    starts_at: str
    status: str = "scheduled"
    result: str = ""
    agreement_summary: str = ""


@dataclass
class CaseFacts:
    """What the timeline says about a case: its parties, mediators and meetings as of `today`.

    The event kinds that teach the case a fact declare how (``EventKind.folds`` in each app's
    ``events.py``); `today` is passed in by the reader, so the guards stay pure functions.
    """

    parties: dict[int, PartyFacts] = field(default_factory=dict)
    mediators: dict[int, str] = field(default_factory=dict)
    meetings: dict[int, MeetingFacts] = field(default_factory=dict)
    # The number of the agreement version the mediator approved, once one is.
    approved_agreement_version: int | None = None
    # The approved version's fulfilment date (None on timelines older than the date in the event).
    fulfilment_date: dt.date | None = None
    # The approved version's commitments nobody has answered for yet (kept or not).
    open_commitments: set[int] = field(default_factory=set)
    today: dt.date | None = None

    @property
    def scheduled_meeting_id(self) -> int | None:
        scheduled = [mid for mid, m in self.meetings.items() if m.status == "scheduled"]
        return scheduled[-1] if scheduled else None


class Folds(Protocol):
    """What a declared event kind offers `fold_facts`: its name and, if it teaches a fact, how."""

    @property
    def name(self) -> str: ...

    @property
    def folds(self) -> Callable[[CaseFacts, Any], None] | None: ...


def fold_facts(events: Iterable[Any], *, kinds: Mapping[str, Folds], today: dt.date | None = None) -> CaseFacts:
    """Replay a case's events (oldest first) into the facts the guards read, as of `today`.

    `kinds` are the declared event kinds by name (``cases.events.EVENT_KINDS``); each kind that
    teaches a fact folds its own declared payload into the facts. They are passed in because the
    registry sits above this module: `events.py` imports the vocabulary here, and `models.py` too.
    """
    facts = CaseFacts(today=today)
    for event in events:
        kind = kinds.get(event.kind)
        if kind is not None and kind.folds is not None:
            kind.folds(facts, event.payload)
    return facts


# --- Guards -------------------------------------------------------------------------------------

Guard = Callable[[CaseFacts], list[str]]


def has_parties(facts: CaseFacts) -> list[str]:
    return [] if facts.parties else [_("The case has no parties yet.")]


def every_party_consented(facts: CaseFacts) -> list[str]:
    return [
        _("%(name)s has not consented yet.") % {"name": party.name}
        for party in facts.parties.values()
        if not party.consented
    ]


def every_guardian_consented(facts: CaseFacts) -> list[str]:
    reasons = []
    for party in facts.parties.values():
        if not party.minor or party.guardian_consent_waived:
            continue
        if not party.guardians:
            reasons.append(_("%(name)s is a minor and has no guardian registered.") % {"name": party.name})
        for guardian_id, guardian_name in party.guardians.items():
            if guardian_id not in party.guardians_consented:
                reasons.append(
                    _("%(guardian)s, guardian of %(name)s, has not consented yet.")
                    % {"guardian": guardian_name, "name": party.name}
                )
    return reasons


def every_party_prepared(facts: CaseFacts) -> list[str]:
    return [
        _("%(name)s has not had a preparatory talk yet.") % {"name": party.name}
        for party in facts.parties.values()
        if not party.prepared
    ]


def has_mediator(facts: CaseFacts) -> list[str]:
    return [] if facts.mediators else [_("No mediator is assigned yet.")]


def agreement_approved(facts: CaseFacts) -> list[str]:
    if facts.approved_agreement_version is None:
        return [_("The agreement has not been signed by everyone and approved by the mediator yet.")]
    return []


def fulfilment_date_reached(facts: CaseFacts) -> list[str]:
    """A follow-up ends on or after the approved agreement's fulfilment date, never before."""
    if facts.fulfilment_date is None:
        return []
    if facts.today is None or facts.today < facts.fulfilment_date:
        return [_("The fulfilment date has not come yet.")]
    return []


def every_commitment_answered(facts: CaseFacts) -> list[str]:
    return [_("Answer for every commitment whether it was kept.")] if facts.open_commitments else []


# --- The table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    """One allowed move. `case_types` limits it to some case types (None: every type), and
    `target_by_case_type` sends some case types elsewhere than `target` (youth reactions later)."""

    action: Action
    label: str | Promise
    sources: frozenset[Status]
    target: Status
    guards: tuple[Guard, ...] = ()
    case_types: frozenset[CaseType] | None = None
    target_by_case_type: Mapping[CaseType, Status] = field(default_factory=dict)

    def applies_to(self, case_type: str) -> bool:
        return self.case_types is None or case_type in self.case_types

    def target_for(self, case_type: str) -> Status:
        return self.target_by_case_type.get(CaseType(case_type), self.target)


FOLLOW_UP_ENDS = (fulfilment_date_reached, every_commitment_answered)

TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in [
        Transition(
            Action.START_ASSESSMENT,
            gettext_lazy("Start assessment"),
            frozenset({Status.RECEIVED}),
            Status.ASSESSING,
        ),
        Transition(
            Action.FIND_SUITABLE, gettext_lazy("Find suitable"), frozenset({Status.ASSESSING}), Status.PREPARING
        ),
        Transition(
            Action.FIND_NOT_SUITABLE,
            gettext_lazy("Find not suitable"),
            frozenset({Status.ASSESSING}),
            Status.NOT_SUITABLE,
        ),
        Transition(
            Action.SCHEDULE_MEETING,
            gettext_lazy("Schedule meeting"),
            frozenset({Status.PREPARING}),
            Status.MEETING_SCHEDULED,
            guards=(has_parties, every_party_consented, every_guardian_consented, every_party_prepared, has_mediator),
        ),
        Transition(
            Action.CANCEL_MEETING,
            gettext_lazy("Cancel meeting"),
            frozenset({Status.MEETING_SCHEDULED}),
            Status.PREPARING,
        ),
        Transition(
            Action.HOLD_MEETING,
            gettext_lazy("Record meeting held"),
            frozenset({Status.MEETING_SCHEDULED}),
            Status.MEETING_HELD,
        ),
        Transition(
            Action.REACH_AGREEMENT,
            gettext_lazy("Agreement reached"),
            frozenset({Status.MEETING_HELD}),
            Status.IN_FOLLOW_UP,
            guards=(agreement_approved,),
        ),
        Transition(
            Action.REACH_NO_AGREEMENT,
            gettext_lazy("No agreement"),
            frozenset({Status.MEETING_HELD}),
            Status.NO_AGREEMENT,
        ),
        # A follow-up ends only from the answers, on or after the fulfilment date (one path for
        # every door: agreements.services.conclude).
        Transition(
            Action.MARK_FULFILLED,
            gettext_lazy("Agreement fulfilled"),
            frozenset({Status.IN_FOLLOW_UP}),
            Status.FULFILLED,
            guards=FOLLOW_UP_ENDS,
        ),
        Transition(
            Action.MARK_NOT_FULFILLED,
            gettext_lazy("Agreement not fulfilled"),
            frozenset({Status.IN_FOLLOW_UP}),
            Status.NOT_FULFILLED,
            guards=FOLLOW_UP_ENDS,
        ),
        # After a breach in a civil case the caseworker may offer new mediation (requirement 25).
        Transition(
            Action.OFFER_NEW_MEETING,
            gettext_lazy("Offer a new meeting"),
            frozenset({Status.IN_FOLLOW_UP}),
            Status.PREPARING,
            guards=FOLLOW_UP_ENDS,
        ),
        # Withdrawal has no guard: consent can be withdrawn from every open state, always. Its
        # target may differ by case type (`target_by_case_type`); today every type ends withdrawn.
        Transition(Action.WITHDRAW, gettext_lazy("Withdraw"), OPEN_STATUSES, Status.WITHDRAWN),
    ]
}


def refusals(status: str, action: Action, facts: CaseFacts, *, case_type: str) -> list[str]:
    """Why `action` is not allowed from `status` in a case of `case_type`; empty when it is allowed."""
    transition = TRANSITIONS[action]
    if status in CLOSED_STATUSES:
        return [_("The case is closed; nothing more can happen in it.")]
    if not transition.applies_to(case_type):
        return [
            _("“%(action)s” is not possible in a case of the type “%(case_type)s”.")
            % {"action": transition.label, "case_type": CaseType(case_type).label}
        ]
    if status not in transition.sources:
        return [
            _("“%(action)s” is not possible while the case is “%(status)s”.")
            % {"action": transition.label, "status": Status(status).label}
        ]
    return [reason for guard in transition.guards for reason in guard(facts)]


def available_transitions(status: str, facts: CaseFacts, *, case_type: str) -> list[tuple[Transition, list[str]]]:
    """Every move from `status` in a case of `case_type`, with why it is not possible yet. Feeds the UI."""
    return [
        (transition, refusals(status, action, facts, case_type=case_type))
        for action, transition in TRANSITIONS.items()
        if status in transition.sources and transition.applies_to(case_type)
    ]


class HasStatus(Protocol):
    status: str
    case_type: str


def ensure_open(case: HasStatus) -> None:
    """Refuse any change to a closed case."""
    if case.status in CLOSED_STATUSES:
        raise GuardError([_("The case is closed; nothing more can happen in it.")])


def apply_transition(case: HasStatus, action: Action, facts: CaseFacts) -> tuple[str, str]:
    """Move `case` by `action` if the table and guards allow it; return (from, to).

    Called only by ``cases.services.transition`` inside its transaction, which records the event.
    """
    reasons = refusals(case.status, action, facts, case_type=case.case_type)
    if reasons:
        raise GuardError(reasons)
    previous = case.status
    case.status = TRANSITIONS[action].target_for(case.case_type)
    return previous, case.status

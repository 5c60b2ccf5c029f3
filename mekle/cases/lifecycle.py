"""The case lifecycle: the one table of allowed status changes, their guards, and the only code
that sets ``Case.status``.

Guards are pure functions of the case's status and its `CaseFacts` (folded from the case's own
timeline), so they are table-tested without a database. Each returns the sentences that explain
why a move is not possible yet; an empty list means it is allowed.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mekle.lib.errors import Refusal

from .models import CLOSED_STATUSES, OPEN_STATUSES, Case, Status

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
    """What the timeline says about a case: its parties, mediators and meetings as of now."""

    parties: dict[int, PartyFacts] = field(default_factory=dict)
    mediators: dict[int, str] = field(default_factory=dict)
    meetings: dict[int, MeetingFacts] = field(default_factory=dict)
    # The number of the agreement version the mediator approved, once one is.
    approved_agreement_version: int | None = None

    @property
    def scheduled_meeting_id(self) -> int | None:
        scheduled = [mid for mid, m in self.meetings.items() if m.status == "scheduled"]
        return scheduled[-1] if scheduled else None


def fold_facts(events: Iterable[Any]) -> CaseFacts:
    """Replay a case's events (oldest first) into the facts the guards read."""
    facts = CaseFacts()
    for event in events:
        apply = _FACT_APPLIERS.get(event.kind)
        if apply is not None:
            apply(facts, event.payload)
    return facts


def _party_added(facts: CaseFacts, p: dict[str, Any]) -> None:
    facts.parties[p["party_id"]] = PartyFacts(name=p["name"], role=p.get("role", ""), minor=bool(p.get("minor")))


def _guardian_added(facts: CaseFacts, p: dict[str, Any]) -> None:
    if party := facts.parties.get(p["party_id"]):
        party.guardians[p["guardian_id"]] = p["name"]


def _consent_given(facts: CaseFacts, p: dict[str, Any]) -> None:
    if party := facts.parties.get(p["party_id"]):
        if p.get("guardian_id"):
            party.guardians_consented.add(p["guardian_id"])
        else:
            party.consented = True


def _consent_withdrawn(facts: CaseFacts, p: dict[str, Any]) -> None:
    if party := facts.parties.get(p["party_id"]):
        if p.get("guardian_id"):
            party.guardians_consented.discard(p["guardian_id"])
        else:
            party.consented = False


def _guardian_consent_waived(facts: CaseFacts, p: dict[str, Any]) -> None:
    if party := facts.parties.get(p["party_id"]):
        party.guardian_consent_waived = True


def _preparation_held(facts: CaseFacts, p: dict[str, Any]) -> None:
    if party := facts.parties.get(p["party_id"]):
        party.prepared = True


def _mediator_assigned(facts: CaseFacts, p: dict[str, Any]) -> None:
    facts.mediators[p["mediator_id"]] = p["name"]


def _mediator_unassigned(facts: CaseFacts, p: dict[str, Any]) -> None:
    facts.mediators.pop(p["mediator_id"], None)


def _meeting_scheduled(facts: CaseFacts, p: dict[str, Any]) -> None:
    facts.meetings[p["meeting_id"]] = MeetingFacts(meeting_type=p["meeting_type"], starts_at=p["starts_at"])


def _meeting_cancelled(facts: CaseFacts, p: dict[str, Any]) -> None:
    if meeting := facts.meetings.get(p["meeting_id"]):
        meeting.status = "cancelled"


def _meeting_held(facts: CaseFacts, p: dict[str, Any]) -> None:
    if meeting := facts.meetings.get(p["meeting_id"]):
        meeting.status = "held"
        meeting.result = p.get("result", "")
        meeting.agreement_summary = p.get("agreement_summary", "")


def _agreement_approved(facts: CaseFacts, p: dict[str, Any]) -> None:
    facts.approved_agreement_version = p["number"]


_FACT_APPLIERS: dict[str, Callable[[CaseFacts, dict[str, Any]], None]] = {
    "party_added": _party_added,
    "guardian_added": _guardian_added,
    "consent_given": _consent_given,
    "consent_withdrawn": _consent_withdrawn,
    "guardian_consent_waived": _guardian_consent_waived,
    "preparation_held": _preparation_held,
    "mediator_assigned": _mediator_assigned,
    "mediator_unassigned": _mediator_unassigned,
    "meeting_scheduled": _meeting_scheduled,
    "meeting_cancelled": _meeting_cancelled,
    "meeting_held": _meeting_held,
    "agreement_approved": _agreement_approved,
}

FACT_KINDS = tuple(_FACT_APPLIERS)


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


# --- The table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    action: str
    label: str | Promise
    sources: frozenset[str]
    target: Status
    guards: tuple[Guard, ...] = ()


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            "start_assessment", gettext_lazy("Start assessment"), frozenset({Status.RECEIVED}), Status.ASSESSING
        ),
        Transition("find_suitable", gettext_lazy("Find suitable"), frozenset({Status.ASSESSING}), Status.PREPARING),
        Transition(
            "find_not_suitable", gettext_lazy("Find not suitable"), frozenset({Status.ASSESSING}), Status.NOT_SUITABLE
        ),
        Transition(
            "schedule_meeting",
            gettext_lazy("Schedule meeting"),
            frozenset({Status.PREPARING}),
            Status.MEETING_SCHEDULED,
            guards=(has_parties, every_party_consented, every_guardian_consented, every_party_prepared, has_mediator),
        ),
        Transition(
            "cancel_meeting", gettext_lazy("Cancel meeting"), frozenset({Status.MEETING_SCHEDULED}), Status.PREPARING
        ),
        Transition(
            "hold_meeting",
            gettext_lazy("Record meeting held"),
            frozenset({Status.MEETING_SCHEDULED}),
            Status.MEETING_HELD,
        ),
        Transition(
            "reach_agreement",
            gettext_lazy("Agreement reached"),
            frozenset({Status.MEETING_HELD}),
            Status.IN_FOLLOW_UP,
            guards=(agreement_approved,),
        ),
        Transition(
            "reach_no_agreement", gettext_lazy("No agreement"), frozenset({Status.MEETING_HELD}), Status.NO_AGREEMENT
        ),
        Transition(
            "mark_fulfilled", gettext_lazy("Agreement fulfilled"), frozenset({Status.IN_FOLLOW_UP}), Status.FULFILLED
        ),
        Transition(
            "mark_not_fulfilled",
            gettext_lazy("Agreement not fulfilled"),
            frozenset({Status.IN_FOLLOW_UP}),
            Status.NOT_FULFILLED,
        ),
        # After a breach in a civil case the caseworker may offer new mediation (requirement 25).
        Transition(
            "offer_new_meeting", gettext_lazy("Offer a new meeting"), frozenset({Status.IN_FOLLOW_UP}), Status.PREPARING
        ),
        # Withdrawal has no guard: consent can be withdrawn from every open state, always.
        Transition("withdraw", gettext_lazy("Withdraw"), OPEN_STATUSES, Status.WITHDRAWN),
    ]
}


def refusals(status: str, action: str, facts: CaseFacts) -> list[str]:
    """Why `action` is not allowed from `status` given `facts`; empty when it is allowed."""
    transition = TRANSITIONS[action]
    if status in CLOSED_STATUSES:
        return [_("The case is closed; nothing more can happen in it.")]
    if status not in transition.sources:
        return [
            _("“%(action)s” is not possible while the case is “%(status)s”.")
            % {"action": transition.label, "status": Status(status).label}
        ]
    return [reason for guard in transition.guards for reason in guard(facts)]


def available_transitions(status: str, facts: CaseFacts) -> list[tuple[Transition, list[str]]]:
    """Every move from `status`, with why it is not possible yet (empty when it is). Feeds the UI."""
    return [
        (transition, refusals(status, action, facts))
        for action, transition in TRANSITIONS.items()
        if status in transition.sources
    ]


def ensure_open(case: Case) -> None:
    """Refuse any change to a closed case."""
    if case.status in CLOSED_STATUSES:
        raise GuardError([_("The case is closed; nothing more can happen in it.")])


class HasStatus(Protocol):
    status: str


def apply_transition(case: HasStatus, action: str, facts: CaseFacts) -> tuple[str, str]:
    """Move `case` by `action` if the table and guards allow it; return (from, to).

    Called only by ``cases.services.transition`` inside its transaction, which records the event.
    """
    reasons = refusals(case.status, action, facts)
    if reasons:
        raise GuardError(reasons)
    previous = case.status
    case.status = TRANSITIONS[action].target
    return previous, case.status

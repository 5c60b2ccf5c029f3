"""The event kinds the `mediators` app records, their payloads, and the facts they teach the case."""

from typing import NotRequired, TypedDict

from django.utils.translation import gettext_lazy as _

from mekle.cases.events import Personal, register
from mekle.cases.lifecycle import CaseFacts, MeetingFacts


class MediatorNamed(TypedDict):
    mediator_id: int
    name: Personal[str]


class MediatorTakenOff(MediatorNamed):
    """A mediator taken off a case, with the caseworker's reason (staff only; the parties see only
    that the mediator is off the case)."""

    reason: NotRequired[Personal[str]]


class TieDeclared(TypedDict):
    mediator_id: int
    name: Personal[str]
    party_id: int
    party_name: Personal[str]


class MeetingScheduled(TypedDict):
    meeting_id: int
    meeting_type: str
    starts_at: str


class MeetingMoved(TypedDict):
    meeting_id: int
    starts_at: str
    previous_starts_at: str


class MeetingCancelled(TypedDict):
    meeting_id: int
    reason: NotRequired[Personal[str]]


class MeetingHeld(TypedDict):
    meeting_id: int
    result: str
    agreement_summary: Personal[str]


def _mediator_assigned(facts: CaseFacts, p: MediatorNamed) -> None:
    facts.mediators[p["mediator_id"]] = p["name"]


def _mediator_unassigned(facts: CaseFacts, p: MediatorTakenOff) -> None:
    facts.mediators.pop(p["mediator_id"], None)


def _meeting_scheduled(facts: CaseFacts, p: MeetingScheduled) -> None:
    facts.meetings[p["meeting_id"]] = MeetingFacts(meeting_type=p["meeting_type"], starts_at=p["starts_at"])


def _meeting_moved(facts: CaseFacts, p: MeetingMoved) -> None:
    if meeting := facts.meetings.get(p["meeting_id"]):
        meeting.starts_at = p["starts_at"]


def _meeting_cancelled(facts: CaseFacts, p: MeetingCancelled) -> None:
    if meeting := facts.meetings.get(p["meeting_id"]):
        meeting.status = "cancelled"


def _meeting_held(facts: CaseFacts, p: MeetingHeld) -> None:
    if meeting := facts.meetings.get(p["meeting_id"]):
        meeting.status = "held"
        meeting.result = p.get("result", "")
        meeting.agreement_summary = p.get("agreement_summary", "")


MEDIATOR_ASSIGNED = register(
    "mediator_assigned", _("%(name)s assigned as mediator"), MediatorNamed, folds=_mediator_assigned
)
MEDIATOR_UNASSIGNED = register(
    "mediator_unassigned", _("%(name)s taken off the case"), MediatorTakenOff, folds=_mediator_unassigned
)
TIE_DECLARED = register("tie_declared", _("%(name)s declared a tie to %(party_name)s"), TieDeclared)
MEETING_SCHEDULED = register(
    "meeting_scheduled", _("Meeting scheduled for %(starts_at_display)s"), MeetingScheduled, folds=_meeting_scheduled
)
MEETING_MOVED = register(
    "meeting_moved", _("Meeting moved to %(starts_at_display)s"), MeetingMoved, folds=_meeting_moved
)
MEETING_CANCELLED = register("meeting_cancelled", _("Meeting cancelled"), MeetingCancelled, folds=_meeting_cancelled)
MEETING_HELD = register("meeting_held", _("Meeting held"), MeetingHeld, folds=_meeting_held)

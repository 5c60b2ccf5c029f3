"""Turn a case's folded facts and lifecycle into what the case page shows: rows and next steps."""

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from mekle.cases.lifecycle import CaseFacts, Transition
from mekle.cases.models import Case
from mekle.mediators.models import MeetingResult, MeetingStatus, MeetingType
from mekle.parties.models import PartyRole


@dataclass
class Step:
    label: str
    url: str
    post: bool = False
    reasons: list[str] = field(default_factory=list)


def next_steps(case: Case, facts: CaseFacts, transitions: list[tuple[Transition, list[str]]]) -> list[Step]:
    """The lifecycle's next moves as links and buttons, each with why it is not possible yet."""
    steps: dict[str, Step] = {}
    ref = case.reference
    meeting_id = facts.scheduled_meeting_id
    for transition, reasons in transitions:
        action = transition.action
        if action == "start_assessment":
            steps[action] = Step(
                _("Start assessment"), reverse("workspace:start_assessment", args=[ref]), post=True, reasons=reasons
            )
            steps["assess"] = Step(_("Assess suitability"), reverse("workspace:assess", args=[ref]), reasons=reasons)
        elif action in ("find_suitable", "find_not_suitable"):
            steps["assess"] = Step(_("Assess suitability"), reverse("workspace:assess", args=[ref]), reasons=reasons)
        elif action == "schedule_meeting":
            steps[action] = Step(
                _("Schedule the meeting"), reverse("workspace:schedule_meeting", args=[ref]), reasons=reasons
            )
        elif action == "hold_meeting" and meeting_id:
            steps[action] = Step(
                _("Record the meeting and its result"),
                reverse("workspace:record_meeting_result", args=[ref, meeting_id]),
                reasons=reasons,
            )
        elif action == "cancel_meeting" and meeting_id:
            steps[action] = Step(
                _("Cancel the meeting"),
                reverse("workspace:cancel_meeting", args=[ref, meeting_id]),
                post=True,
                reasons=reasons,
            )
        elif action in ("mark_fulfilled", "mark_not_fulfilled"):
            steps["follow_up"] = Step(
                _("Conclude the follow-up"), reverse("workspace:conclude_follow_up", args=[ref]), reasons=reasons
            )
    return list(steps.values())


@dataclass
class PartyRow:
    id: int
    name: str
    role: str
    minor: bool
    consented: bool
    prepared: bool
    guardians: list[dict[str, Any]]


def party_rows(facts: CaseFacts) -> list[PartyRow]:
    return [
        PartyRow(
            id=party_id,
            name=party.name,
            role=str(PartyRole(party.role).label) if party.role in PartyRole.values else party.role,
            minor=party.minor,
            consented=party.consented,
            prepared=party.prepared,
            guardians=[
                {"id": gid, "name": name, "consented": gid in party.guardians_consented}
                for gid, name in party.guardians.items()
            ],
        )
        for party_id, party in facts.parties.items()
    ]


def meeting_rows(facts: CaseFacts) -> list[dict[str, Any]]:
    return [
        {
            "id": meeting_id,
            "type": str(MeetingType(m.meeting_type).label) if m.meeting_type in MeetingType.values else m.meeting_type,
            "starts_at": parse_datetime(m.starts_at),
            "status": str(MeetingStatus(m.status).label),
            "scheduled": m.status == MeetingStatus.SCHEDULED,
            "result": str(MeetingResult(m.result).label) if m.result in MeetingResult.values else "",
            "agreement_summary": m.agreement_summary,
        }
        for meeting_id, m in reversed(facts.meetings.items())
    ]

"""Writes about mediators on cases: assignment, declared ties and meetings."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from mekle.accounts.types import Actor, signed_in_user
from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.cases.lifecycle import Action
from mekle.cases.models import Case, Visibility
from mekle.lib import clock
from mekle.mediators import events as mediators_events
from mekle.parties.models import Party

from . import rules
from .models import MAX_MEDIATORS_PER_CASE, Assignment, Meeting, MeetingResult, MeetingStatus, TieDeclaration

# The reason a meeting cancelled by a withdrawal carries; staff see it, parties never do.
WITHDRAWN_REASON = "withdrawn"
# The longest reason staff may give for cancelling a meeting or taking a mediator off.
MAX_REASON_LENGTH = 2000


def _name(user: Actor) -> str:
    return str(user.get_full_name() or user.username) if user.is_authenticated else ""


@transaction.atomic
def assign_mediator(*, actor: Actor, case: Case, mediator: Any) -> Assignment:
    """Put a mediator of the case's office on the case; at most two, none with a declared tie."""
    case = case_services.lock_case(case)
    lifecycle.ensure_open(case)
    if not (mediator.is_active and mediator.is_mediator and mediator.office_id == case.office_id):
        raise lifecycle.GuardError([_("%(name)s is not a mediator at this office.") % {"name": _name(mediator)}])
    active = Assignment.objects.filter(case=case, ended_at__isnull=True)
    if active.filter(mediator=mediator).exists():
        raise lifecycle.GuardError([_("%(name)s is already assigned.") % {"name": _name(mediator)}])
    if active.count() >= MAX_MEDIATORS_PER_CASE:
        raise lifecycle.GuardError([_("A case can have at most two mediators.")])
    tie = TieDeclaration.objects.filter(mediator=mediator, party__case=case).select_related("party").first()
    if tie is not None:
        raise lifecycle.GuardError(
            [
                _("%(name)s has declared a tie to %(party)s and cannot mediate in this case.")
                % {"name": _name(mediator), "party": tie.party.full_name}
            ]
        )
    assignment = Assignment.objects.create(
        case=case, mediator=mediator, assigned_by=signed_in_user(actor), assigned_at=clock.now()
    )
    case_services.record_event(
        case=case,
        kind=mediators_events.MEDIATOR_ASSIGNED,
        actor=actor,
        payload={"mediator_id": mediator.pk, "name": _name(mediator)},
        visibility=Visibility.PARTIES,
    )
    return assignment


@transaction.atomic
def unassign_mediator(*, actor: Actor, case: Case, mediator: Any, reason: str = "") -> Case:
    """Take a mediator off the case. The mediator is e-mailed that they are (receivers), unless
    they took themselves off; the parties see in the portal that the mediator is off the case.
    The reason is for the staff's timeline only. Refuses a mediator who is not on the case."""
    case = case_services.lock_case(case)
    lifecycle.ensure_open(case)
    if len(reason) > MAX_REASON_LENGTH:
        raise lifecycle.GuardError([_("The reason is too long.")])
    if not _end_assignment(actor=actor, case=case, mediator=mediator, reason=reason.strip()):
        raise lifecycle.GuardError([_("%(name)s is not on the case.") % {"name": _name(mediator)}])
    return case


def _end_assignment(*, actor: Actor, case: Case, mediator: Any, reason: str = "") -> bool:
    ended = Assignment.objects.filter(case=case, mediator=mediator, ended_at__isnull=True).update(ended_at=clock.now())
    if ended:
        case_services.record_event(
            case=case,
            kind=mediators_events.MEDIATOR_UNASSIGNED,
            actor=actor,
            payload={"mediator_id": mediator.pk, "name": _name(mediator), "reason": reason},
            visibility=Visibility.PARTIES,
        )
    return bool(ended)


@transaction.atomic
def declare_tie(*, actor: Actor, mediator: Any, party: Party, description: str) -> TieDeclaration:
    """Record a mediator's tie to a party. A mediator already on the case is taken off it."""
    case = case_services.lock_case(party.case)
    lifecycle.ensure_open(case)
    if not description.strip():
        raise lifecycle.GuardError([_("Describe the tie.")])
    tie = TieDeclaration.objects.create(
        mediator=mediator,
        party=party,
        description=description,
        declared_at=clock.now(),
        recorded_by=signed_in_user(actor),
    )
    case_services.record_event(
        case=case,
        kind=mediators_events.TIE_DECLARED,
        actor=actor,
        payload={
            "mediator_id": mediator.pk,
            "name": _name(mediator),
            "party_id": party.pk,
            "party_name": party.full_name,
        },
    )
    _end_assignment(actor=actor, case=case, mediator=mediator)
    return tie


@transaction.atomic
def schedule_meeting(
    *,
    actor: Actor,
    case: Case,
    meeting_type: str,
    starts_at: dt.datetime,
    duration_minutes: int = 120,
    location: str = "",
    street_address: str = "",
    postcode: str = "",
    post_town: str = "",
    directions: str = "",
    video_link: str = "",
) -> Meeting:
    """Schedule the meeting; the lifecycle refuses it until everyone has consented and been prepared."""
    case = case_services.lock_case(case)
    lifecycle.ensure_open(case)
    place = _place(
        location=location,
        street_address=street_address,
        postcode=postcode,
        post_town=post_town,
        directions=directions,
        video_link=video_link,
    )
    times = rules.meeting_time_refusals(starts_at=starts_at, received_on=case.received_on, now=clock.now())
    if times:
        raise lifecycle.GuardError(times)
    case_services.transition(case=case, action=Action.SCHEDULE_MEETING, actor=actor)
    meeting = Meeting.objects.create(
        case=case,
        meeting_type=meeting_type,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        scheduled_by=signed_in_user(actor),
        **place,
    )
    case_services.record_event(
        case=case,
        kind=mediators_events.MEETING_SCHEDULED,
        actor=actor,
        payload={"meeting_id": meeting.pk, "meeting_type": meeting_type, "starts_at": starts_at.isoformat()},
        visibility=Visibility.PARTIES,
    )
    return meeting


def _place(
    *, location: str, street_address: str, postcode: str, post_town: str, directions: str, video_link: str
) -> dict[str, str]:
    """The meeting's place fields, stripped, or a refusal saying what is missing."""
    place = {
        "location": location.strip(),
        "street_address": street_address.strip(),
        "postcode": postcode.strip(),
        "post_town": post_town.strip(),
        "directions": directions.strip(),
        "video_link": video_link.strip(),
    }
    refusals = rules.meeting_place_refusals(
        location=place["location"],
        street_address=place["street_address"],
        postcode=place["postcode"],
        post_town=place["post_town"],
        video_link=place["video_link"],
    )
    if refusals:
        raise lifecycle.GuardError(refusals)
    return place


@transaction.atomic
def move_meeting(
    *,
    actor: Actor,
    meeting: Meeting,
    starts_at: dt.datetime,
    duration_minutes: int,
    location: str = "",
    street_address: str = "",
    postcode: str = "",
    post_town: str = "",
    directions: str = "",
    video_link: str = "",
) -> Meeting:
    """Move a scheduled meeting to another time or place. The case stays "meeting scheduled"; the
    calendar file keeps its UID and gets a higher SEQUENCE, so a calendar replaces the old one."""
    case = case_services.lock_case(meeting.case)
    lifecycle.ensure_open(case)
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if current.status != MeetingStatus.SCHEDULED:
        raise lifecycle.GuardError([_("Only a scheduled meeting can be moved.")])
    place = _place(
        location=location,
        street_address=street_address,
        postcode=postcode,
        post_town=post_town,
        directions=directions,
        video_link=video_link,
    )
    times = rules.meeting_time_refusals(starts_at=starts_at, received_on=case.received_on, now=clock.now())
    if times:
        raise lifecycle.GuardError(times)
    changes: dict[str, Any] = {"starts_at": starts_at, "duration_minutes": duration_minutes, **place}
    if all(getattr(current, name) == value for name, value in changes.items()):
        raise lifecycle.GuardError([_("Nothing is changed: give a new time or place.")])
    previous_start = current.starts_at
    for name, value in changes.items():
        setattr(meeting, name, value)
    meeting.sequence = current.sequence + 1
    meeting.save(update_fields=[*changes, "sequence"])
    case_services.record_event(
        case=case,
        kind=mediators_events.MEETING_MOVED,
        actor=actor,
        payload={
            "meeting_id": meeting.pk,
            "starts_at": starts_at.isoformat(),
            "previous_starts_at": previous_start.isoformat(),
        },
        visibility=Visibility.PARTIES,
    )
    return meeting


def _mark_cancelled(meeting: Meeting) -> None:
    """Cancel the meeting row, one calendar revision up (read from the table: right across processes)."""
    current = Meeting.objects.select_for_update().only("sequence").get(pk=meeting.pk)
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence = current.sequence + 1
    meeting.save(update_fields=["status", "sequence"])


@transaction.atomic
def cancel_meeting(*, actor: Actor | None, meeting: Meeting, reason: str = "") -> Meeting:
    case = case_services.lock_case(meeting.case)
    lifecycle.ensure_open(case)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise lifecycle.GuardError([_("Only a scheduled meeting can be cancelled.")])
    if len(reason) > MAX_REASON_LENGTH:
        raise lifecycle.GuardError([_("The reason is too long.")])
    reason = reason.strip()
    _mark_cancelled(meeting)
    case_services.record_event(
        case=case,
        kind=mediators_events.MEETING_CANCELLED,
        actor=actor,
        payload={"meeting_id": meeting.pk, "reason": reason},
        visibility=Visibility.PARTIES,
    )
    case_services.transition(case=case, action=Action.CANCEL_MEETING, actor=actor)
    return meeting


@transaction.atomic
def record_meeting_result(*, actor: Actor, meeting: Meeting, result: str, agreement_summary: str = "") -> Meeting:
    """Record that the meeting was held and how it ended.

    With an agreement the case stays `meeting_held` while the agreement is written, signed and
    approved (``agreements.services``); without one it closes.
    """
    case = case_services.lock_case(meeting.case)
    lifecycle.ensure_open(case)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise lifecycle.GuardError([_("This meeting is not scheduled, so it cannot be recorded as held.")])
    if meeting.starts_at > clock.now():
        raise lifecycle.GuardError([_("The meeting has not started yet.")])
    if result == MeetingResult.AGREEMENT and not agreement_summary.strip():
        raise lifecycle.GuardError([_("Write down what the parties agreed.")])
    meeting.status = MeetingStatus.HELD
    meeting.result = result
    meeting.agreement_summary = agreement_summary if result == MeetingResult.AGREEMENT else ""
    meeting.save(update_fields=["status", "result", "agreement_summary"])
    case_services.transition(case=case, action=Action.HOLD_MEETING, actor=actor)
    case_services.record_event(
        case=case,
        kind=mediators_events.MEETING_HELD,
        actor=actor,
        payload={"meeting_id": meeting.pk, "result": result, "agreement_summary": meeting.agreement_summary},
        visibility=Visibility.PARTIES,
    )
    if result != MeetingResult.AGREEMENT:
        case_services.transition(case=case, action=Action.REACH_NO_AGREEMENT, actor=actor)
    return meeting


def cancel_meetings_on_withdrawal(*, case: Case, actor: Actor | None) -> list[Meeting]:
    """Cancel every scheduled meeting of a case a party is withdrawing from; inside the withdrawal.

    Called (by the receiver of `consent_withdrawn`) in the transaction that holds the case's lock,
    before the case closes: each meeting is cancelled with a `meeting_cancelled` event of reason
    "withdrawn". No `cancel_meeting` transition: the withdrawal closes the case itself.
    """
    meetings = list(Meeting.objects.filter(case=case, status=MeetingStatus.SCHEDULED).order_by("starts_at"))
    for meeting in meetings:
        _mark_cancelled(meeting)
        case_services.record_event(
            case=case,
            kind=mediators_events.MEETING_CANCELLED,
            actor=actor,
            payload={"meeting_id": meeting.pk, "reason": WITHDRAWN_REASON},
            visibility=Visibility.PARTIES,
        )
    return meetings

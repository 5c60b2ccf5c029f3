"""Reads of cases and their timelines."""

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from mekle.lib.kept import Kept
from mekle.lib.names import display_name  # accounts.display_name: cases imports no other app

from . import events as cases_events
from .lifecycle import OUTCOME_BY_STATUS
from .models import Case, CaseEvent
from .verification import Finding, chain_findings


@dataclass(frozen=True)
class TimelineEvent:
    """An event as the case page folds and shows it: its fields, and its actor's name."""

    sequence: int
    kind: str
    occurred_at: dt.datetime
    payload: dict[str, Any]
    visibility: str
    hash: str
    actor_id: int | None
    actor_name: str  # as User.__str__ shows the actor; "" when the system recorded it


_timelines = Kept(512)  # 512 timelines of ~50 events: a few MB per process


def case_timeline(case: Case) -> tuple[TimelineEvent, ...]:
    """The case's events, oldest first, as `case_events` reads them, kept per process by the chain's head.

    Events never change once written and each one's hash covers the one before it, so the newest
    event's sequence and hash name the whole timeline: a page shown again costs one index lookup
    instead of reading and decoding every event. A new event makes a new head, and so a new read.
    """
    head = CaseEvent.objects.filter(case=case).order_by("-sequence").values_list("sequence", "hash").first()
    if head is None:
        return ()
    key = (case.pk, *head)
    events: tuple[TimelineEvent, ...] | None = _timelines.get(key)
    if events is None:
        events = tuple(case_events(case))
        if (events[-1].sequence, events[-1].hash) == head:  # not when an event was added in between
            _timelines.put(key, events)
    return events


def case_events(case: Case) -> list[TimelineEvent]:
    """All of the case's events, oldest first, with their actors: the case page folds and shows them.

    One query along the (case, sequence) unique index (the database neither filters nor sorts),
    read as plain rows: a CaseEvent and a full User model for each of 50 events was most of the
    page's database time. Reading or verifying the chain uses the models (`verify_chain`).
    """
    rows = (
        CaseEvent.objects.filter(case=case)
        .order_by("sequence")
        .values_list(
            "sequence",
            "kind",
            "occurred_at",
            "payload",
            "visibility",
            "hash",
            "actor_id",
            "actor__first_name",
            "actor__last_name",
            "actor__username",
        )
    )
    return [
        TimelineEvent(
            sequence=sequence,
            kind=kind,
            occurred_at=occurred_at,
            payload=payload,
            visibility=visibility,
            hash=hash_,
            actor_id=actor_id,
            actor_name="" if actor_id is None else display_name(first, last, username),
        )
        for sequence, kind, occurred_at, payload, visibility, hash_, actor_id, first, last, username in rows
    ]


class ReferrerOutcome:
    FULFILLED = "fulfilled"
    NOT_FULFILLED = "not_fulfilled"
    WITHDRAWN = "withdrawn"
    NOT_SUITABLE = "not_suitable"
    NO_AGREEMENT = "no_agreement"

    LABELS = {
        FULFILLED: _("Agreement fulfilled"),
        NOT_FULFILLED: _("Agreement not fulfilled"),
        WITHDRAWN: _("Withdrawn: not resolved"),
        NOT_SUITABLE: _("Not suitable for mediation"),
        NO_AGREEMENT: _("No agreement"),
    }


# Which closing status tells the referrer which outcome: `StatusInfo.referrer_outcome` says.
_OUTCOME_BY_STATUS: dict[str, str] = {str(status): outcome for status, outcome in OUTCOME_BY_STATUS.items()}


def referrer_outcome(events: Iterable[CaseEvent | TimelineEvent]) -> str | None:
    """The outcome to report to the referrer, read from the timeline: the closing status change."""
    outcome = None
    for event in events:
        if event.kind == cases_events.STATUS_CHANGED.name:
            outcome = _OUTCOME_BY_STATUS.get(event.payload.get("to_status", ""))
    return outcome


def verify_chain(case: Case) -> Iterator[Finding]:
    """Every place where `case`'s stored events do not match their hash chain."""
    yield from chain_findings(
        case.reference, CaseEvent.objects.filter(case=case).order_by("sequence").iterator(chunk_size=500)
    )

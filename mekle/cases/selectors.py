"""Reads of cases and their timelines."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .chain import hash_of
from .models import Case, CaseEvent, Status


def case_events(case: Case) -> QuerySet[CaseEvent]:
    """All of the case's events, oldest first, with their actors: the case page folds and shows them."""
    return CaseEvent.objects.filter(case=case).select_related("actor").order_by("sequence")


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


_OUTCOME_BY_STATUS = {
    Status.FULFILLED: ReferrerOutcome.FULFILLED,
    Status.NOT_FULFILLED: ReferrerOutcome.NOT_FULFILLED,
    Status.WITHDRAWN: ReferrerOutcome.WITHDRAWN,
    Status.NOT_SUITABLE: ReferrerOutcome.NOT_SUITABLE,
    Status.NO_AGREEMENT: ReferrerOutcome.NO_AGREEMENT,
}


def referrer_outcome(events: Iterable[CaseEvent]) -> str | None:
    """The outcome to report to the referrer, read from the timeline: the closing status change."""
    outcome = None
    for event in events:
        if event.kind == "status_changed":
            outcome = _OUTCOME_BY_STATUS.get(event.payload.get("to_status"))
    return outcome


@dataclass(frozen=True)
class ChainBreak:
    reference: str
    sequence: int
    kind: str
    problem: str


def verify_chain(case: Case) -> Iterator[ChainBreak]:
    """Every place where `case`'s stored events do not match their hash chain."""
    prev_hash = ""
    expected_sequence = 1
    for event in CaseEvent.objects.filter(case=case).order_by("sequence").iterator(chunk_size=500):
        if event.sequence != expected_sequence:
            yield ChainBreak(case.reference, event.sequence, event.kind, f"expected sequence {expected_sequence}")
        if event.prev_hash != prev_hash:
            yield ChainBreak(case.reference, event.sequence, event.kind, "does not link to the event before it")
        if hash_of(event, case.reference) != event.hash:
            yield ChainBreak(case.reference, event.sequence, event.kind, "content does not match its hash")
        prev_hash = event.hash
        expected_sequence = event.sequence + 1

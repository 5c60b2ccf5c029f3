"""Checking a case's timeline: its hash chain, the checkpoints it must agree with, and the state tables.

Three checks, each catching what the others cannot (docs/timeline.md):

- the chain: an edited payload or field, a deleted or inserted event in the middle;
- the checkpoints (signed, kept outside the database): deleted newest events, a truncated case,
  a whole chain recomputed after an edit;
- the state: the rows the events determine (a case's status, consents, assignments …) recomputed
  from the events and compared with the tables, so an edit behind the events' back shows.

Apps above `cases` own state tables of their own; each declares how they must agree with the
case's folded facts with `register_state_check` (as event kinds are declared in ``events.py``).
"""

import base64
import binascii
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from . import events as cases_events
from .chain import LEGACY_CHAIN_VERSION, digest_of, hash_of
from .checkpoints import Checkpoint, erasure_message, public_key
from .lifecycle import CLOSED_STATUSES, CaseFacts, Status, fold_facts
from .models import Case, CaseEvent


@dataclass(frozen=True)
class Finding:
    """One place where a case's stored data contradicts its chain, a checkpoint or its own events.

    `tampering` names what the finding points to (``payload edited``, ``newest events deleted`` …).
    """

    reference: str
    tampering: str
    detail: str
    sequence: int | None = None
    kind: str = ""

    def __str__(self) -> str:
        where = f" event #{self.sequence} ({self.kind})" if self.sequence is not None else ""
        return f"{self.reference}:{where} {self.tampering}: {self.detail}"


# A state check: the differences between the tables an app owns and what the case's events say.
StateCheck = Callable[[Case, CaseFacts], Iterable[str]]
STATE_CHECKS: list[StateCheck] = []


def register_state_check(check: StateCheck) -> StateCheck:
    """Declare how an app's rows must agree with the case's facts (usable as a decorator)."""
    STATE_CHECKS.append(check)
    return check


def verify_case(
    case: Case, checkpoints: Sequence[Checkpoint] = (), key: Ed25519PublicKey | None = None
) -> list[Finding]:
    """Everything wrong with `case`: its chain, against each checkpoint, and its state tables.

    `key` checks the signatures of erasures (default: the configured checkpoint public key).
    """
    events = list(CaseEvent.objects.filter(case=case).order_by("sequence"))
    findings = list(chain_findings(case.reference, events, key))
    for checkpoint in checkpoints:
        findings.extend(checkpoint_findings(case.reference, events, checkpoint))
    findings.extend(Finding(case.reference, "state table edited", d) for d in state_differences(case, events))
    return findings


def state_differences(case: Case, events: Sequence[CaseEvent]) -> Iterator[str]:
    """Every way the state tables differ from the state the case's events determine."""
    yield from check_case_status(case, events)
    facts = fold_facts(events, kinds=cases_events.EVENT_KINDS)
    for check in STATE_CHECKS:
        yield from check(case, facts)


def chain_findings(
    reference: str, events: Iterable[CaseEvent], key: Ed25519PublicKey | None = None
) -> Iterator[Finding]:
    """Every place where the stored events do not match their hash chain.

    A payload that no longer matches its digest is an edit, unless a signed erasure later in the
    chain lists the event with the digest of its payload as it is now (``services.erase_personal_data``).
    """
    prev_hash = ""
    expected_sequence = 1
    unmatched: list[CaseEvent] = []
    erased: dict[str, str] = {}
    for event in events:
        if event.sequence != expected_sequence:
            yield Finding(
                reference,
                "event deleted",
                f"expected #{expected_sequence} before it; the chain has a gap",
                event.sequence,
                event.kind,
            )
        if event.prev_hash != prev_hash:
            yield Finding(reference, "chain broken", "does not link to the event before it", event.sequence, event.kind)
        if hash_of(event, reference) != event.hash:
            yield Finding(reference, "event edited", "content does not match its hash", event.sequence, event.kind)
        if event.chain_version != LEGACY_CHAIN_VERSION and digest_of(event.payload) != event.payload_digest:
            unmatched.append(event)
        if event.kind == cases_events.PERSONAL_DATA_ERASED.name:
            if _signed_erasure(reference, event.payload, key):
                erased.update(event.payload["erased"])
            else:
                yield Finding(
                    reference,
                    "erasure forged",
                    "its signature does not verify with the checkpoint key",
                    event.sequence,
                    event.kind,
                )
        prev_hash = event.hash
        expected_sequence = event.sequence + 1
    for event in unmatched:
        if erased.get(str(event.sequence)) != digest_of(event.payload):
            yield Finding(
                reference, "payload edited", "the payload does not match its digest", event.sequence, event.kind
            )


def _signed_erasure(reference: str, payload: dict[str, object], key: Ed25519PublicKey | None) -> bool:
    erased = payload.get("erased")
    if not isinstance(erased, dict):
        return False
    try:
        signature = base64.b64decode(str(payload.get("signature", "")), validate=True)
        (key or public_key()).verify(signature, erasure_message(reference, erased))
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True


def checkpoint_findings(reference: str, events: Sequence[CaseEvent], checkpoint: Checkpoint) -> Iterator[Finding]:
    """Where the case's chain contradicts what `checkpoint` recorded as its head."""
    head = checkpoint.heads.get(reference)
    if head is None:
        return
    if not events:
        yield Finding(
            reference, "case truncated", f"checkpoint {checkpoint} has {head.sequence} event(s); none are left"
        )
        return
    by_sequence = {event.sequence: event for event in events}
    stored = by_sequence.get(head.sequence)
    newest = events[-1].sequence
    if newest < head.sequence:
        yield Finding(
            reference,
            "newest events deleted",
            f"checkpoint {checkpoint} has event #{head.sequence}; the timeline now ends at #{newest}",
        )
    elif stored is not None and stored.hash != head.hash:
        yield Finding(
            reference,
            "chain recomputed",
            f"its hash differs from checkpoint {checkpoint}: the events up to it were rewritten",
            stored.sequence,
            stored.kind,
        )


def missing_case_findings(seen: set[str], checkpoint: Checkpoint, wanted: set[str] | None) -> Iterator[Finding]:
    """The cases `checkpoint` lists that are not in the database any more."""
    for reference, head in sorted(checkpoint.heads.items()):
        if reference not in seen and (wanted is None or reference in wanted):
            yield Finding(reference, "case deleted", f"checkpoint {checkpoint} has it with {head.sequence} event(s)")


def check_case_status(case: Case, events: Sequence[CaseEvent]) -> Iterator[str]:
    """The case row's status and closing time, against its status changes."""
    status = Status.RECEIVED.value
    for event in events:
        if event.kind == cases_events.STATUS_CHANGED.name and event.payload.get("to_status"):
            status = event.payload["to_status"]
    if case.status != status:
        yield f"the case's status is “{case.status}”; its events say “{status}”"
    if (status in CLOSED_STATUSES) != (case.closed_at is not None):
        yield "the case's closing time does not match whether its events closed it"

"""The timeline's hash chain: what an event's hash covers, and how it is computed."""

import datetime as dt
from typing import Any

from mekle.lib.hashing import canonical_json, sha256_hex

from .models import CaseEvent


def event_hash(
    *,
    case_reference: str,
    sequence: int,
    kind: str,
    actor_id: int | None,
    occurred_at: dt.datetime,
    payload: dict[str, Any],
    visibility: str,
    prev_hash: str,
) -> str:
    """SHA-256 over the canonical JSON of everything the event says, and the hash before it."""
    content = {
        "case": case_reference,
        "sequence": sequence,
        "kind": kind,
        "actor": actor_id,
        "occurred_at": occurred_at.astimezone(dt.UTC).isoformat(),
        "payload": payload,
        "visibility": visibility,
        "prev_hash": prev_hash,
    }
    return sha256_hex(canonical_json(content))


def hash_of(event: CaseEvent, case_reference: str) -> str:
    """The hash `event` should carry given its stored fields."""
    return event_hash(
        case_reference=case_reference,
        sequence=event.sequence,
        kind=event.kind,
        actor_id=event.actor_id,
        occurred_at=event.occurred_at,
        payload=event.payload,
        visibility=event.visibility,
        prev_hash=event.prev_hash,
    )

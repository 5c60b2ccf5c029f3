"""The timeline's hash chain: what an event's hash covers, and how it is computed.

Two formulas, told apart by the event's `chain_version`:

- version 1 (events written before payload digests existed) hashes the payload itself;
- version 2 (every event written since) hashes the payload's SHA-256 digest (`payload_digest`,
  stored beside the payload), so a retention rule can later erase a payload's personal fields
  while the event's hash, every hash after it and every checkpoint still verify. The digest then no
  longer matches the payload, which the verifier accepts only for an erasure the timeline records.

Version-1 events keep the formula their hash was computed with: recomputing them would mean
trusting the database's payloads at the moment of the migration, and their hashes may already
have left the database (a good-faith record quotes them).
"""

import datetime as dt
from typing import Any

from mekle.lib.hashing import canonical_json, sha256_hex

from .models import CaseEvent

LEGACY_CHAIN_VERSION = 1
CHAIN_VERSION = 2


def digest_of(payload: dict[str, Any]) -> str:
    """SHA-256 over the payload's canonical JSON: what a version-2 event's hash covers instead of it."""
    return sha256_hex(canonical_json(payload))


def event_hash(
    *,
    case_reference: str,
    sequence: int,
    kind: str,
    actor_id: int | None,
    occurred_at: dt.datetime,
    payload: dict[str, Any] | None = None,
    payload_digest: str = "",
    visibility: str,
    prev_hash: str,
    chain_version: int = CHAIN_VERSION,
) -> str:
    """SHA-256 over the canonical JSON of everything the event says, and the hash before it.

    Version 2 covers `payload_digest` (``digest_of(payload)``); version 1 covers `payload` itself.
    """
    content: dict[str, Any] = {
        "case": case_reference,
        "sequence": sequence,
        "kind": kind,
        "actor": actor_id,
        "occurred_at": occurred_at.astimezone(dt.UTC).isoformat(),
        "visibility": visibility,
        "prev_hash": prev_hash,
    }
    if chain_version == LEGACY_CHAIN_VERSION:
        content["payload"] = payload if payload is not None else {}
    else:
        content["payload_sha256"] = payload_digest
    return sha256_hex(canonical_json(content))


def hash_of(event: CaseEvent, case_reference: str) -> str:
    """The hash `event` should carry given its stored fields (for version 2: its stored digest)."""
    return event_hash(
        case_reference=case_reference,
        sequence=event.sequence,
        kind=event.kind,
        actor_id=event.actor_id,
        occurred_at=event.occurred_at,
        payload=event.payload if event.chain_version == LEGACY_CHAIN_VERSION else None,
        payload_digest=event.payload_digest,
        visibility=event.visibility,
        prev_hash=event.prev_hash,
        chain_version=event.chain_version,
    )

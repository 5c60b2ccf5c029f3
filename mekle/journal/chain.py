"""The journal's hash chain: what an entry's hash covers, and how a chain is checked."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from mekle.lib.hashing import canonical_json, sha256_hex

from .models import JournalEntry


def entry_hash(
    *, journal_code: str, sequence: int, kind: str, occurred_at: dt.datetime, content: dict[str, Any], prev_hash: str
) -> str:
    """SHA-256 over the canonical JSON of everything the entry says, and the hash before it."""
    return sha256_hex(
        canonical_json(
            {
                "journal": journal_code,
                "sequence": sequence,
                "kind": kind,
                "occurred_at": occurred_at.astimezone(dt.UTC).isoformat(),
                "content": content,
                "prev_hash": prev_hash,
            }
        )
    )


def hash_of(entry: JournalEntry, journal_code: str) -> str:
    """The hash `entry` should carry given its stored fields."""
    return entry_hash(
        journal_code=journal_code,
        sequence=entry.sequence,
        kind=entry.kind,
        occurred_at=entry.occurred_at,
        content=entry.content,
        prev_hash=entry.prev_hash,
    )


def broken_entries(entries: Iterable[JournalEntry], journal_code: str) -> list[int]:
    """The sequence numbers of entries whose hash or link to the one before does not hold."""
    broken: list[int] = []
    previous = ""
    for expected_sequence, entry in enumerate(entries, start=1):
        if (
            entry.sequence != expected_sequence
            or entry.prev_hash != previous
            or entry.hash != hash_of(entry, journal_code)
        ):
            broken.append(entry.sequence)
        previous = entry.hash
    return broken

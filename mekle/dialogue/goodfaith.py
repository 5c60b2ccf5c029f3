"""The good-faith record: a person's own constructive acts as a hash-chained, verifiable document.

A record shows what happened (a proposal made, an answer given, a message sent and what the tone
check said about it, a consent, a meeting, a signature, a commitment kept), each with its date and
a hash. It never judges or labels anyone. Cases (`mekle.dialogue`) and the cooperation journal
(`mekle.journal`) both build records with the three public functions here, which stay stable:

- ``build_record(events, *, subject, case_reference) -> dict``
- ``verify_record(data) -> list[str]`` (empty when the record is intact)
- ``render_record_pdf(record, language) -> bytes`` (PDF/A-3b with the JSON embedded)

The format (``FORMAT``, version 1), as JSON::

    {"format": "mekle-goodfaith-record/1",
     "code": "K7QD-3M9X-2RTA",            # short code to check the record on Mekle's public page
     "subject": "Ola Nordmann",           # whose record it is
     "case": "OSL-2026-00042",            # the case reference ("" for a journal outside a case)
     "generated_at": "2026-11-24T10:15:00+00:00",
     "events": [{"sequence": 1, "occurred_at": "...", "kind": "proposal_made",
                 "summary": "Made a proposal", "payload": {...},
                 "case_event_hash": "<hash of the case event, or ''>",
                 "prev_hash": "", "hash": "<sha256>"}, ...],
     "record_hash": "<sha256>"}

Why the record has its own chain: a case's chain (``mekle.cases.chain``) hashes every event of
the case, including staff-only events and payloads the record must leave out, so it cannot be
recomputed from a record. Each record event therefore hashes its own fields instead::

    hash = SHA-256(canonical JSON of {"sequence", "occurred_at", "kind", "summary", "payload",
                                      "case_event_hash", "prev_hash"})

(canonical JSON: sorted keys, no spaces, UTF-8 kept; ``mekle.lib.hashing``). The first event's
``prev_hash`` is ""; each later one carries the hash before it. ``case_event_hash`` ties the event
to the case's timeline, where Mekle can show it. ``record_hash`` is SHA-256 over the canonical JSON
of the whole ``events`` list, so an event added or removed at the end is caught too. Anyone can
check a record offline (``python manage.py verify_record FILE.json``); someone who rewrites a
record and recomputes every hash is caught by Mekle's public page, which compares `code` and
`record_hash` with the row Mekle stored when the record was made.
"""

import datetime as dt
import json
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dateparse import parse_datetime

from mekle.agreements.documents import document_language, render_pdf
from mekle.lib import clock
from mekle.lib.hashing import canonical_json, sha256_hex

FORMAT = "mekle-goodfaith-record/1"
EVENT_FIELDS = ("sequence", "occurred_at", "kind", "summary", "payload", "case_event_hash", "prev_hash", "hash")
# Crockford's base 32 without I, L, O, U: easy to read aloud and to type from paper.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True)
class RecordEvent:
    """One act in a record, before numbering and hashing. `payload` holds plain JSON values only."""

    occurred_at: dt.datetime
    kind: str
    summary: str
    payload: dict[str, Any] = field(default_factory=dict)
    case_event_hash: str = ""


def new_code() -> str:
    """A short random code such as ``K7QD-3M9X-2RTA`` (60 bits: not guessable by trying)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[0:4]}-{raw[4:8]}-{raw[8:12]}"


def normalise_code(code: str) -> str:
    """What a person typed, as a code: upper case, dashes where they belong, confusable letters fixed."""
    raw = code.upper().replace("-", "").replace(" ", "").replace("O", "0").replace("I", "1").replace("L", "1")
    return f"{raw[0:4]}-{raw[4:8]}-{raw[8:12]}" if len(raw) == 12 else code.strip().upper()


def event_hash(event: dict[str, Any]) -> str:
    """The hash a record event should carry, from its own fields and `prev_hash`."""
    content = {name: event.get(name) for name in EVENT_FIELDS if name != "hash"}
    return sha256_hex(canonical_json(content))


def events_hash(events: list[dict[str, Any]]) -> str:
    return sha256_hex(canonical_json(events))


def _moment(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat()


def build_record(events: list[RecordEvent], *, subject: str, case_reference: str) -> dict[str, Any]:
    """A new record of `events` (in the order given) for `subject`, with a fresh code and its hashes."""
    chained: list[dict[str, Any]] = []
    prev_hash = ""
    for sequence, event in enumerate(events, start=1):
        entry: dict[str, Any] = {
            "sequence": sequence,
            "occurred_at": _moment(event.occurred_at),
            "kind": event.kind,
            "summary": str(event.summary),
            # Round-trip so the hash covers exactly what a reader of the JSON file gets back.
            "payload": json.loads(canonical_json(event.payload)),
            "case_event_hash": event.case_event_hash,
            "prev_hash": prev_hash,
        }
        entry["hash"] = event_hash(entry)
        prev_hash = entry["hash"]
        chained.append(entry)
    return {
        "format": FORMAT,
        "code": new_code(),
        "subject": subject,
        "case": case_reference,
        "generated_at": _moment(clock.now()),
        "events": chained,
        "record_hash": events_hash(chained),
    }


def verify_record(data: Any) -> list[str]:
    """What is wrong with a record, first break first; an empty list means it is intact.

    Catches any event added, removed, reordered or changed: a changed field breaks that event's
    hash, a removed or reordered event breaks the numbering and the link to the event before, and
    anything at the end breaks `record_hash`.
    """
    if not isinstance(data, dict):
        return ["The file is not a good-faith record."]
    if data.get("format") != FORMAT:
        return [f"Unknown format {data.get('format')!r}; expected {FORMAT!r}."]
    events = data.get("events")
    if not isinstance(events, list):
        return ["The record has no list of events."]
    for position, event in enumerate(events, start=1):
        problem = _event_problem(event, position, events[position - 2]["hash"] if position > 1 else "")
        if problem:
            return [problem]
    if data.get("record_hash") != events_hash(events):
        return ["The list of events does not match record_hash: an event was added or removed, or fields changed."]
    return []


def _event_problem(event: Any, position: int, prev_hash: str) -> str:
    if not isinstance(event, dict) or set(event) != set(EVENT_FIELDS):
        return f"Event {position}: its fields are not those of a record event."
    name = f"Event {position} ({event['kind']})"
    if event["sequence"] != position:
        return f"{name}: numbered {event['sequence']}, expected {position} (an event was removed or moved)."
    if event["prev_hash"] != prev_hash:
        return f"{name}: prev_hash does not match the event before it (an event was removed, added or moved)."
    if event["hash"] != event_hash(event):
        return f"{name}: its content does not match its hash (it was changed)."
    return ""


# --- The document ---------------------------------------------------------------------------


def document_context(record: dict[str, Any]) -> dict[str, Any]:
    """What the PDF shows: the record's fields with dates as datetimes, and nothing else."""
    rows = [{**event, "when": parse_datetime(event["occurred_at"])} for event in record["events"]]
    return {
        "record": record,
        "rows": rows,
        "generated_at": parse_datetime(record["generated_at"]),
    }


def render_record_pdf(record: dict[str, Any], language: str) -> bytes:
    """The record as PDF/A-3b in `language` (nb, nn or en), with the record's JSON embedded."""
    language = document_language(language)
    attachment = json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8")
    with translation.override(language):
        html = render_to_string(
            "dialogue/documents/goodfaith_record.html", {**document_context(record), "language": language}
        )
        return render_pdf(html, attachments=[(f"goodfaith-record-{record['code']}.json", attachment)])

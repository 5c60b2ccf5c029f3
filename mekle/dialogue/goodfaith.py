"""The good-faith record: a person's own constructive acts as a hash-chained, verifiable document.

A record shows what happened (a proposal made, an answer given, a message sent and what the tone
check said about it, a consent, a meeting, a signature, a commitment kept), each with its date and
a hash. It never judges or labels anyone. Cases (`mekle.dialogue`) and the cooperation journal
(`mekle.journal`) both build records with the public functions here, which stay stable:

- ``build_record(events, *, subject, case_reference) -> dict``
- ``verify_record(data) -> list[str]`` (empty when the record is intact; each problem starts with
  the path of the field it is about, such as ``events[2].prev_hash`` or ``record_hash``)
- ``first_difference(data, original) -> str`` (the path of the first field that differs)
- ``render_record_pdf(record, language, setting=None) -> bytes`` (tagged PDF/A-3b with the JSON
  embedded; how it reads is ``record_document``'s)

The format (``FORMAT``, version 2), as JSON::

    {"format": "mekle-goodfaith-record/2",
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
to the case's timeline, where Mekle can show it. ``record_hash`` covers the whole record::

    record_hash = SHA-256(canonical JSON of {"format", "code", "subject", "case", "generated_at",
                                             "events"})

so who (``subject``), which case, when, which events and in which order are all under it: a record
relabelled with another name, case or date no longer matches its own hash, and a record rewritten
with every hash recomputed no longer matches the row Mekle stored when it made the record (the
public page compares ``code`` and ``record_hash`` with it). Anyone can check a record's hashes
offline (``python manage.py verify_record FILE.json`` or ``FILE.pdf``).

The PDF carries the record's JSON as an attachment (PDF/A-3 allows it); the public page and the
command read it from there (``record_files``). Mekle also remembers the SHA-256 of every PDF it
renders (``RecordPdf``), so a PDF whose pages were edited around a genuine attachment is told
apart from Mekle's own.

Format 1 (``FORMAT_1``, records made before 2026-12) hashed only the ``events`` list into
``record_hash``, so its name, case and date were not covered. Such a record still reads and its
events still verify, but it counts as a match only where Mekle kept the whole record to compare it
with (a party's record from a case, ``GoodFaithRecord.content``); a journal's format-1 record, of
which Mekle kept only the code and the hash, no longer does.
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

from . import record_document
from .record_document import RecordSetting

FORMAT = "mekle-goodfaith-record/2"
FORMAT_1 = "mekle-goodfaith-record/1"
RECORD_FIELDS = ("format", "code", "subject", "case", "generated_at", "events", "record_hash")
EVENT_FIELDS = ("sequence", "occurred_at", "kind", "summary", "payload", "case_event_hash", "prev_hash", "hash")
# The fields that must be strings (``payload`` is any JSON object, ``sequence`` a whole number).
_TEXT_FIELDS = ("code", "subject", "case", "generated_at")
_EVENT_TEXT_FIELDS = ("occurred_at", "kind", "summary", "case_event_hash", "prev_hash", "hash")
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
    """Format 1's `record_hash`: over the events alone."""
    return sha256_hex(canonical_json(events))


def record_hash(record: dict[str, Any]) -> str:
    """The `record_hash` a record of format 2 should carry: over every other field of it."""
    content = {name: record.get(name) for name in RECORD_FIELDS if name != "record_hash"}
    return sha256_hex(canonical_json(content))


def covers_everything(record: dict[str, Any]) -> bool:
    """Whether the record's hash covers its name, case and date too (format 2), not only its events."""
    return record.get("format") == FORMAT


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
    record: dict[str, Any] = {
        "format": FORMAT,
        "code": new_code(),
        "subject": str(subject),
        "case": str(case_reference),
        "generated_at": _moment(clock.now()),
        "events": chained,
    }
    record["record_hash"] = record_hash(record)
    return record


# --- Verification ----------------------------------------------------------------------------


def verify_record(data: Any) -> list[str]:
    """What is wrong with a record, first break first; an empty list means it is intact.

    Each problem starts with the path of the field it is about. Catches any field changed and any
    event added, removed or reordered: a changed event breaks that event's hash, a removed or
    reordered event breaks the numbering and the link to the event before, and anything else (the
    name, the case, the date, the code, an event at the end) breaks `record_hash`. Which field of
    an event, or which of the top-level fields, was changed only a copy can tell
    (`first_difference`).
    """
    try:
        return _problems(data)
    except RecursionError:  # JSON that parses can still be nested too deeply to serialise again
        return ["The record is nested too deeply to be a good-faith record."]


def _problems(data: Any) -> list[str]:
    if not isinstance(data, dict):
        return ["The file is not a good-faith record."]
    if data.get("format") not in (FORMAT, FORMAT_1):
        return [f"format: unknown format {data.get('format')!r}; expected {FORMAT!r}."]
    problem = _shape_problem(data) or _chain_problem(data["events"])
    if problem:
        return [problem]
    expected = record_hash(data) if covers_everything(data) else events_hash(data["events"])
    if data["record_hash"] != expected:
        return [
            "record_hash: does not match the record: its code, subject, case or generated_at was changed, "
            "or an event was added or removed at the end."
            if covers_everything(data)
            else "record_hash: does not match the list of events: an event was added or removed at the end."
        ]
    return []


def _shape_problem(data: dict[str, Any]) -> str:
    """The first field missing, extra or of the wrong type, as ``path: reason`` ("" if none)."""
    problem = _fields_problem("", data, RECORD_FIELDS, _TEXT_FIELDS)
    if problem:
        return problem
    if not isinstance(data["events"], list):
        return "events: not a list of events."
    if not isinstance(data["record_hash"], str):
        return "record_hash: not a text."
    for index, event in enumerate(data["events"]):
        if not isinstance(event, dict):
            return f"events[{index}]: not a record event."
        problem = _fields_problem(f"events[{index}].", event, EVENT_FIELDS, _EVENT_TEXT_FIELDS)
        if problem:
            return problem
        if type(event["sequence"]) is not int:
            return f"events[{index}].sequence: not a whole number."
        if not isinstance(event["payload"], dict):
            return f"events[{index}].payload: not an object."
    return ""


def _fields_problem(prefix: str, value: dict[str, Any], names: tuple[str, ...], texts: tuple[str, ...]) -> str:
    for name in names:
        if name not in value:
            return f"{prefix}{name}: missing."
    for name in value:
        if name not in names:
            return f"{prefix}{name}: not a field of a good-faith record."
    for name in texts:
        if not isinstance(value[name], str):
            return f"{prefix}{name}: not a text."
    return ""


def _chain_problem(events: list[dict[str, Any]]) -> str:
    prev_hash = ""
    for index, event in enumerate(events):
        position = index + 1
        name = f"events[{index}] (event {position}, {event['kind']})"
        if event["sequence"] != position:
            moved = f"numbered {event['sequence']}, expected {position} (an event was removed or moved)"
            return f"events[{index}].sequence: {moved}."
        if event["prev_hash"] != prev_hash:
            moved = "does not match the event before it (an event was removed, added or moved)"
            return f"events[{index}].prev_hash: {moved}."
        if event["hash"] != event_hash(event):
            return f"{name}: its content does not match its hash (one of its fields was changed)."
        prev_hash = event["hash"]
    return ""


def first_difference(data: Any, original: Any, path: str = "") -> str:
    """The path of the first field in which `data` differs from `original` (``subject``,
    ``events[3].payload.text``, ``events`` when an event was added or removed); "" when they are equal.

    Fields are compared in the record's own order (``RECORD_FIELDS``, then ``EVENT_FIELDS``), so the
    first difference named is the first a reader of the document would meet.
    """
    if isinstance(data, dict) and isinstance(original, dict):
        for name in _ordered_keys(original, data):
            if name not in data or name not in original:
                return _join(path, name)
            found = first_difference(data[name], original[name], _join(path, name))
            if found:
                return found
        return ""
    if isinstance(data, list) and isinstance(original, list):
        for index, (mine, theirs) in enumerate(zip(data, original, strict=False)):
            found = first_difference(mine, theirs, f"{path}[{index}]")
            if found:
                return found
        return f"{path}[{min(len(data), len(original))}]" if len(data) != len(original) else ""
    same = type(data) is type(original) and data == original
    return "" if same else (path or "(the whole file)")


def _ordered_keys(original: dict[str, Any], data: dict[str, Any]) -> list[str]:
    order = {name: position for position, name in enumerate(RECORD_FIELDS + EVENT_FIELDS)}
    names = list(original) + [name for name in data if name not in original]
    return sorted(names, key=lambda name: (order.get(name, len(order)), name))


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


# --- The document ---------------------------------------------------------------------------


def document_context(record: dict[str, Any]) -> dict[str, Any]:
    """The record's fields with dates as datetimes, and nothing else (the public check page shows these)."""
    rows = [{**event, "when": parse_datetime(event["occurred_at"])} for event in record["events"]]
    return {
        "record": record,
        "rows": rows,
        "generated_at": parse_datetime(record["generated_at"]),
    }


def render_record_pdf(record: dict[str, Any], language: str, setting: RecordSetting | None = None) -> bytes:
    """The record as tagged PDF/A-3b in `language` (nb, nn or en), with the record's JSON embedded.

    `setting` (the office, how the other side answered the person's proposals) is presentation from
    Mekle's copy of the case, outside the record and its hashes (``record_document``)."""
    language = document_language(language)
    attachment = json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8")
    with translation.override(language):
        html = render_to_string(
            "dialogue/documents/goodfaith_record.html",
            {**record_document.document_context(record, setting), "language": language},
        )
        return render_pdf(html, attachments=[(f"goodfaith-record-{record['code']}.json", attachment)])

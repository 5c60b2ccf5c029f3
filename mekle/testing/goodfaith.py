"""A good-faith record built from made-up events, for the record's and its command's tests."""

import datetime as dt

from mekle.dialogue import goodfaith
from mekle.dialogue.goodfaith import RecordEvent

START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def sample(count=4):
    events = [
        RecordEvent(
            occurred_at=START + dt.timedelta(days=n),
            kind="proposal_made",
            summary=f"Made a proposal {n}",
            payload={"text": f"Forslag {n}", "n": n},
            case_event_hash=f"{n:064x}",
        )
        for n in range(count)
    ]
    return goodfaith.build_record(events, subject="Ola Nordmann", case_reference="OSL-2026-00001")


def rehashed(record):
    """`record` with every event hash, link and the record hash recomputed: a forger's careful rewrite."""
    prev_hash = ""
    for event in record["events"]:
        event["prev_hash"] = prev_hash
        event["hash"] = prev_hash = goodfaith.event_hash(event)
    record["record_hash"] = goodfaith.record_hash(record)
    return record


def as_format_1(record):
    """`record` as Mekle wrote it before format 2: `record_hash` over the events alone."""
    record["format"] = goodfaith.FORMAT_1
    record["record_hash"] = goodfaith.events_hash(record["events"])
    return record


# Another value for every field of a record and of an event, each a change a forger could make.
OTHER_RECORD_VALUES = {
    "format": goodfaith.FORMAT_1,
    "code": "AAAA-BBBB-CCCC",
    "subject": "Kari Nordmann",
    "case": "OSL-2026-99999",
    "generated_at": "2020-01-01T00:00:00+00:00",
    "record_hash": "0" * 64,
}
OTHER_EVENT_VALUES = {
    "sequence": 7,
    "occurred_at": "2020-01-01T00:00:00+00:00",
    "kind": "proposal_accepted",
    "summary": "Something else",
    "payload": {"text": "Noe annet", "n": 2},
    "case_event_hash": "f" * 64,
    "prev_hash": "e" * 64,
    "hash": "d" * 64,
}


def changed(record, field, index=2):
    """`record` with one field changed: a top-level field, ``events`` (the last one dropped), or
    ``events[index].<field>``. Returns the path of the field changed."""
    if field == "events":
        record["events"].pop()
        return "events"
    if field in OTHER_RECORD_VALUES:
        record[field] = OTHER_RECORD_VALUES[field]
        return field
    record["events"][index][field] = OTHER_EVENT_VALUES[field]
    return f"events[{index}].{field}"


EVERY_FIELD = [*goodfaith.RECORD_FIELDS, *goodfaith.EVENT_FIELDS]
assert set(OTHER_RECORD_VALUES) | {"events"} == set(goodfaith.RECORD_FIELDS)
assert set(OTHER_EVENT_VALUES) == set(goodfaith.EVENT_FIELDS)

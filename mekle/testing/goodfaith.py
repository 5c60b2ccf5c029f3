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

"""Reading a case's timeline: read once per newest event, read again when the chain grows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from mekle.cases import services
from mekle.cases.selectors import case_events, case_timeline
from mekle.testing.kinds import NOTE_ADDED


def reads(case):
    with CaptureQueriesContext(connection) as queries:
        events = case_timeline(case)
    return events, len(queries)


def test_a_timeline_read_again_is_one_lookup_of_its_newest_event(case):
    first, first_queries = reads(case)
    again, again_queries = reads(case)
    assert first_queries == 2  # the newest event, then every event
    assert again_queries == 1  # the newest event: the rest is known
    assert again == first == tuple(case_events(case))


def test_a_new_event_is_read_at_once(case, alice):
    before, _queries = reads(case)
    services.record_event(case=case, kind=NOTE_ADDED, actor=alice, payload={"n": 1})
    after, after_queries = reads(case)
    assert after_queries == 2
    assert len(after) == len(before) + 1
    assert after[-1].kind == "note_added"
    assert after[-1].actor_name == str(alice)


def test_each_case_has_its_own_timeline(case, other_case):
    assert case_timeline(case) != case_timeline(other_case)
    assert {e.payload.get("reference") for e in case_timeline(other_case) if e.kind == "case_opened"} == {
        other_case.reference
    }


def test_a_case_without_events_has_an_empty_timeline(office_a, alice):
    from mekle.cases.models import Case

    bare = Case.objects.create(
        reference="OSL-2026-09999",
        office=office_a,
        case_type="civil",
        status="received",
        referrer_kind="party",
        received_on="2026-11-01",
        due_on="2026-12-06",
    )
    assert case_timeline(bare) == ()

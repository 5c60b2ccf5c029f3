"""The declared event kinds: one registry, payload shapes, personal fields, and the write that checks them."""

import pytest
from django.utils.translation import override

from mekle.agreements import events as agreements_events
from mekle.cases import events as cases_events
from mekle.cases import services
from mekle.cases.events import EVENT_KINDS, EventKind, EventPayloadError, register
from mekle.cases.models import CaseEvent
from mekle.dialogue import events as dialogue_events
from mekle.mediators import events as mediators_events
from mekle.parties import events as parties_events

pytestmark = pytest.mark.django_db


def test_record_event_refuses_a_kind_written_as_a_string(case, alice):
    with pytest.raises(EventPayloadError, match="not a declared event kind"):
        services.record_event(case=case, kind="consent_given", actor=alice, payload={})  # type: ignore[arg-type]
    assert not CaseEvent.objects.filter(case=case, kind="consent_given").exists()


def test_record_event_refuses_a_kind_nobody_declared(case, alice):
    stray = EventKind(name="note_scribbled", summary="A scribble")
    with pytest.raises(EventPayloadError, match="not a declared event kind"):
        services.record_event(case=case, kind=stray, actor=alice)


def test_record_event_refuses_a_payload_without_a_required_field(case, alice):
    with pytest.raises(EventPayloadError, match=r"missing \['mediator_id'\]"):
        services.record_event(case=case, kind=mediators_events.MEDIATOR_ASSIGNED, actor=alice, payload={"name": "Mia"})


def test_record_event_refuses_a_payload_with_a_field_its_kind_does_not_declare(case, alice):
    payload = {"mediator_id": 1, "name": "Mia", "phone": "99999999"}
    with pytest.raises(EventPayloadError, match=r"unknown \['phone'\]"):
        services.record_event(case=case, kind=mediators_events.MEDIATOR_ASSIGNED, actor=alice, payload=payload)


def test_a_kind_without_a_payload_takes_none(case, alice):
    with pytest.raises(EventPayloadError):
        services.record_event(case=case, kind=dialogue_events.THREAD_PAUSED, actor=alice, payload={"why": "x"})
    event = services.record_event(case=case, kind=dialogue_events.THREAD_PAUSED, actor=alice)
    assert (event.kind, event.payload) == ("thread_paused", {})


def test_a_kind_is_declared_only_once():
    with pytest.raises(ValueError, match="declared twice"):
        register("consent_given", "Again")


def test_every_kind_the_timeline_knows_is_in_the_one_registry():
    assert EVENT_KINDS["consent_given"] is parties_events.CONSENT_GIVEN
    assert EVENT_KINDS["status_changed"] is cases_events.STATUS_CHANGED
    # Old timelines keep describing kinds nothing records any more.
    assert EVENT_KINDS["mediator_messages_allowed"].describe({}) == str(
        dialogue_events.MEDIATOR_MESSAGES_ALLOWED.summary
    )


def test_the_payload_shapes_mark_names_and_free_text_as_personal_data():
    assert parties_events.CONSENT_GIVEN.personal_fields == {"name"}
    assert parties_events.GUARDIAN_ADDED.personal_fields == {"name", "party_name"}
    assert mediators_events.MEETING_HELD.personal_fields == {"agreement_summary"}
    assert dialogue_events.MESSAGE_RETURNED.personal_fields == {"author", "reason"}
    assert cases_events.STATUS_CHANGED.personal_fields == {"reason", "withdrawn_by"}
    assert agreements_events.AGREEMENT_APPROVED.personal_fields == set()
    assert cases_events.CASE_OPENED.personal_fields == set()


def test_optional_fields_are_not_required():
    approved = agreements_events.AGREEMENT_APPROVED
    assert {"fulfilment_date", "commitment_ids"} <= approved.fields - approved.required_fields
    assert "takes_effect_on" in approved.required_fields


def test_the_kinds_that_teach_the_case_a_fact_are_the_ones_the_guards_need():
    assert set(cases_events.fact_kinds()) == {
        "party_added",
        "guardian_added",
        "consent_given",
        "consent_withdrawn",
        "guardian_consent_waived",
        "preparation_held",
        "mediator_assigned",
        "mediator_unassigned",
        "meeting_scheduled",
        "meeting_moved",
        "meeting_cancelled",
        "meeting_held",
        "agreement_approved",
        "commitment_checked",
    }


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("nb", "Rita Myhre leste 1 ny melding", "Rita Myhre leste 2 nye meldinger"),
        ("nn", "Rita Myhre las 1 ny melding", "Rita Myhre las 2 nye meldingar"),
        ("en", "Rita Myhre read 1 new message", "Rita Myhre read 2 new messages"),
    ],
)
def test_a_count_in_a_summary_takes_the_right_plural(language, one, two):
    payload = {"name": "Rita Myhre", "message_ids": [1], "count": 1}
    with override(language):
        assert cases_events.describe("messages_read", payload) == one
        assert cases_events.describe("messages_read", {**payload, "count": 2}) == two
        assert cases_events.describe("messages_read", payload) == one  # the form is not cached per language


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("nb", "delte 1 notat fra", "delte 3 notater fra"),
        ("nn", "delte 1 notat frå", "delte 3 notat frå"),
        ("en", "shared 1 entry of", "shared 3 entries of"),
    ],
)
def test_shared_journal_entries_are_counted_in_words(language, one, two):
    payload = {"journal": "J-1", "count": 1, "entries": ["a"]}
    with override(language):
        assert one in cases_events.describe("journal_shared", payload)
        assert two in cases_events.describe("journal_shared", {**payload, "count": 3})

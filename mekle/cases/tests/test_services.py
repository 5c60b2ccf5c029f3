"""Case services: references, the hash chain, suitability and follow-up."""

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from mekle.cases import services
from mekle.cases.chain import hash_of
from mekle.cases.lifecycle import GuardError
from mekle.cases.models import Case, CaseEvent, CaseType, ReferrerKind, Status
from mekle.testing.cast import assessment
from mekle.testing.kinds import NOTE_ADDED


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def open_civil_case(actor, office, **kwargs):
    return services.open_case(
        actor=actor, office=office, case_type=CaseType.CIVIL, referrer_kind=ReferrerKind.PARTY, **kwargs
    )


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
def test_references_count_per_office_and_year(alice, bob, office_a, office_b):
    first = open_civil_case(alice, office_a)
    second = open_civil_case(alice, office_a)
    other_office = open_civil_case(bob, office_b)
    last_year = open_civil_case(alice, office_a, received_on=dt.date(2025, 12, 30))
    assert [first.reference, second.reference, other_office.reference, last_year.reference] == [
        "OSL-2026-00001",
        "OSL-2026-00002",
        "BRG-2026-00001",
        "OSL-2025-00001",
    ]


def test_a_new_case_is_received_with_a_processing_target_and_an_opening_event(alice, office_a, settings):
    settings.MEKLE_CASE_PROCESSING_DAYS = 35
    case = open_civil_case(alice, office_a, received_on=dt.date(2026, 1, 10))
    assert case.status == Status.RECEIVED
    assert case.due_on == dt.date(2026, 2, 14)
    (opened,) = CaseEvent.objects.filter(case=case)
    assert (opened.kind, opened.sequence, opened.actor, opened.prev_hash) == ("case_opened", 1, alice, "")


def test_each_event_links_to_the_one_before_it(case):
    events = list(CaseEvent.objects.filter(case=case).order_by("sequence"))
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash
    for e in events:
        assert e.hash == hash_of(e, case.reference)
        assert len(e.hash) == 64


def test_record_event_stores_the_payload_as_the_database_returns_it(case, alice):
    event = services.record_event(case=case, kind=NOTE_ADDED, actor=alice, payload={"b": 1, "a": "æøå"})
    event.refresh_from_db()
    assert event.payload == {"a": "æøå", "b": 1}
    assert event.hash == hash_of(event, case.reference)


def test_suitable_case_moves_on_to_preparation_with_its_assessment(case, alice):
    services.assess_suitability(actor=alice, case=case, **assessment())
    case.refresh_from_db()
    assert case.status == Status.PREPARING
    kinds = list(CaseEvent.objects.filter(case=case).order_by("sequence").values_list("kind", flat=True))
    assert kinds[-3:] == ["status_changed", "suitability_assessed", "status_changed"]
    assert case.assessments.get().reason == "Begge ønsker å møtes."


def test_unsuitable_case_closes_with_its_reason(case, alice):
    services.assess_suitability(actor=alice, case=case, **assessment(suitable=False, reason="Uenige om fakta."))
    case.refresh_from_db()
    assert case.status == Status.NOT_SUITABLE
    assert case.closed_at is not None
    closing = CaseEvent.objects.filter(case=case).latest("sequence")
    assert closing.payload["reason"] == "Uenige om fakta."


def test_assessment_without_a_reason_changes_nothing(case, alice):
    before = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(GuardError, match="Give a reason"):
        services.assess_suitability(actor=alice, case=case, **assessment(reason="  "))
    case.refresh_from_db()
    assert case.status == Status.RECEIVED
    assert CaseEvent.objects.filter(case=case).count() == before


def test_a_closed_case_cannot_be_assessed_again(case, alice):
    services.assess_suitability(actor=alice, case=case, **assessment(suitable=False))
    with pytest.raises(GuardError, match="closed"):
        services.assess_suitability(actor=alice, case=case, **assessment())


def test_start_assessment_only_from_received(case, alice):
    services.start_assessment(actor=alice, case=case)
    assert Case.objects.get(pk=case.pk).status == Status.ASSESSING
    with pytest.raises(GuardError, match="not possible while the case is"):
        services.start_assessment(actor=alice, case=case)


def test_follow_up_can_only_be_concluded_in_follow_up(case, alice):
    from mekle.agreements import services as agreement_services  # the one path that concludes a follow-up
    from mekle.agreements.rules import Conclusion

    with pytest.raises(GuardError):
        agreement_services.conclude(actor=alice, case=case, choice=Conclusion.FULFILLED)
    assert Case.objects.get(pk=case.pk).status == Status.RECEIVED


def test_an_event_or_a_row_records_a_signed_in_actor_and_nobody_for_the_system_or_a_visitor(alice):
    from django.contrib.auth.models import AnonymousUser

    assert services.actor_id_of(alice) == alice.pk
    assert services.actor_id_of(None) is None
    assert services.actor_id_of(AnonymousUser()) is None

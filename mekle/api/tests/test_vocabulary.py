"""The API's status and outcome values are the lifecycle's: its Literals follow the status table."""

import typing

from mekle.agreements import events as agreements_events
from mekle.api import schemas
from mekle.cases.lifecycle import OPEN_STATUSES, OUTCOME_BY_STATUS


def _values(annotation):
    return {arg for arg in typing.get_args(annotation) if isinstance(arg, str)} | {
        value for arg in typing.get_args(annotation) for value in typing.get_args(arg)
    }


def test_the_outcomes_a_referrer_reads_are_the_status_tables():
    assert _values(schemas.ReferralOut.__annotations__["outcome"]) == set(OUTCOME_BY_STATUS.values())


def test_the_stage_a_closed_case_had_is_one_of_the_open_statuses():
    assert _values(schemas.OutcomeOut.__annotations__["stage"]) == set(OPEN_STATUSES)


def test_the_outcome_types_name_the_declared_event_kinds_they_come_from():
    assert _values(schemas.OutcomeOut.__annotations__["type"]) == {
        "case_closed",
        agreements_events.AGREEMENT_APPROVED.name,
        agreements_events.FOLLOW_UP_CONCLUDED.name,
    }

"""The transition table and its guards, as pure functions: no database."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import translation

from mekle.cases import lifecycle
from mekle.cases.events import EVENT_KINDS
from mekle.cases.lifecycle import Action, CaseFacts, PartyFacts, refusals
from mekle.cases.models import CLOSED_STATUSES, OPEN_STATUSES, CaseType, Status


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def ready_facts() -> CaseFacts:
    """Two adults who have consented and been prepared, and a mediator: a meeting may be scheduled.

    Their agreement (version 1) is approved too, so every guarded move in the table is allowed.
    """
    return CaseFacts(
        parties={
            1: PartyFacts(name="Ola Nordmann", consented=True, prepared=True),
            2: PartyFacts(name="Kari Nordmann", consented=True, prepared=True),
        },
        mediators={9: "Mia Lund"},
        approved_agreement_version=1,
    )


ALLOWED = [
    (Status.RECEIVED, Action.START_ASSESSMENT, Status.ASSESSING),
    (Status.ASSESSING, Action.FIND_SUITABLE, Status.PREPARING),
    (Status.ASSESSING, Action.FIND_NOT_SUITABLE, Status.NOT_SUITABLE),
    (Status.PREPARING, Action.SCHEDULE_MEETING, Status.MEETING_SCHEDULED),
    (Status.MEETING_SCHEDULED, Action.CANCEL_MEETING, Status.PREPARING),
    (Status.MEETING_SCHEDULED, Action.HOLD_MEETING, Status.MEETING_HELD),
    (Status.MEETING_HELD, Action.REACH_AGREEMENT, Status.IN_FOLLOW_UP),
    (Status.MEETING_HELD, Action.REACH_NO_AGREEMENT, Status.NO_AGREEMENT),
    (Status.IN_FOLLOW_UP, Action.MARK_FULFILLED, Status.FULFILLED),
    (Status.IN_FOLLOW_UP, Action.MARK_NOT_FULFILLED, Status.NOT_FULFILLED),
    (Status.IN_FOLLOW_UP, Action.OFFER_NEW_MEETING, Status.PREPARING),
]


@pytest.mark.parametrize(("source", "action", "target"), ALLOWED)
def test_every_allowed_transition_moves_to_its_target(source, action, target):
    case = SimpleNamespace(status=source, case_type=CaseType.CIVIL)
    assert lifecycle.apply_transition(case, action, ready_facts()) == (source, target)
    assert case.status == target


def test_the_table_has_no_moves_beyond_those_tested_and_withdrawal():
    tested = {(s, a) for s, a, _t in ALLOWED}
    in_table = {(s, a) for a, t in lifecycle.TRANSITIONS.items() if a != "withdraw" for s in t.sources}
    assert in_table == tested


REFUSED_FROM_WRONG_STATE = [
    (source, action)
    for action, transition in lifecycle.TRANSITIONS.items()
    for source in sorted(OPEN_STATUSES)
    if source not in transition.sources
]


@pytest.mark.parametrize(("source", "action"), REFUSED_FROM_WRONG_STATE)
def test_a_move_from_the_wrong_state_is_refused_with_a_reason(source, action):
    reasons = refusals(source, action, ready_facts(), case_type=CaseType.CIVIL)
    assert reasons == [
        f"“{lifecycle.TRANSITIONS[action].label}” is not possible while the case is “{Status(source).label}”."
    ]


@pytest.mark.parametrize("source", sorted(CLOSED_STATUSES))
@pytest.mark.parametrize("action", sorted(lifecycle.TRANSITIONS))
def test_nothing_happens_on_a_closed_case(source, action):
    assert refusals(source, action, ready_facts(), case_type=CaseType.CIVIL) == [
        "The case is closed; nothing more can happen in it."
    ]
    with pytest.raises(lifecycle.GuardError):
        lifecycle.apply_transition(SimpleNamespace(status=source, case_type=CaseType.CIVIL), action, ready_facts())


@pytest.mark.parametrize("source", sorted(OPEN_STATUSES))
def test_withdrawal_is_allowed_from_every_open_state_even_when_nothing_else_is_ready(source):
    case = SimpleNamespace(status=source, case_type=CaseType.CIVIL)
    assert lifecycle.apply_transition(case, Action.WITHDRAW, CaseFacts()) == (source, Status.WITHDRAWN)


def test_scheduling_names_the_party_who_has_not_consented():
    facts = ready_facts()
    facts.parties[2].consented = False
    assert refusals(Status.PREPARING, Action.SCHEDULE_MEETING, facts, case_type=CaseType.CIVIL) == [
        "Kari Nordmann has not consented yet."
    ]


def test_scheduling_names_the_party_who_has_not_been_prepared():
    facts = ready_facts()
    facts.parties[1].prepared = False
    assert refusals(Status.PREPARING, Action.SCHEDULE_MEETING, facts, case_type=CaseType.CIVIL) == [
        "Ola Nordmann has not had a preparatory talk yet."
    ]


def test_scheduling_needs_every_guardian_of_a_minor_to_consent():
    facts = ready_facts()
    facts.parties[2].minor = True
    facts.parties[2].guardians = {5: "Hanne Olsen", 6: "Jon Olsen"}
    facts.parties[2].guardians_consented = {5}
    assert refusals(Status.PREPARING, Action.SCHEDULE_MEETING, facts, case_type=CaseType.CIVIL) == [
        "Jon Olsen, guardian of Kari Nordmann, has not consented yet."
    ]


def test_a_minor_allowed_to_consent_alone_needs_no_guardian_consent():
    facts = fold_facts(
        [
            event("party_added", party_id=2, name="Tor", role="offender", minor=True),
            event("guardian_added", party_id=2, guardian_id=7, name="Mona", party_name="Tor"),
            event("guardian_consent_waived", party_id=2, name="Tor"),
        ]
    )
    assert facts.parties[2].guardian_consent_waived
    assert lifecycle.every_guardian_consented(facts) == []


def test_scheduling_refuses_a_minor_without_any_guardian():
    facts = ready_facts()
    facts.parties[1].minor = True
    assert refusals(Status.PREPARING, Action.SCHEDULE_MEETING, facts, case_type=CaseType.CIVIL) == [
        "Ola Nordmann is a minor and has no guardian registered."
    ]


def test_scheduling_needs_parties_and_a_mediator():
    assert refusals(Status.PREPARING, Action.SCHEDULE_MEETING, CaseFacts(), case_type=CaseType.CIVIL) == [
        "The case has no parties yet.",
        "No mediator is assigned yet.",
    ]


def test_follow_up_needs_an_approved_agreement():
    facts = ready_facts()
    facts.approved_agreement_version = None
    assert refusals(Status.MEETING_HELD, Action.REACH_AGREEMENT, facts, case_type=CaseType.CIVIL) == [
        "The agreement has not been signed by everyone and approved by the mediator yet."
    ]


def test_an_approved_agreement_is_folded_from_the_timeline():
    facts = fold_facts([event("agreement_approved", version_id=3, number=2, content_hash="ab")])
    assert facts.approved_agreement_version == 2
    assert lifecycle.agreement_approved(facts) == []


def test_every_reason_is_given_at_once():
    facts = ready_facts()
    facts.parties[1].consented = False
    facts.parties[2].prepared = False
    facts.mediators = {}
    assert refusals(Status.PREPARING, Action.SCHEDULE_MEETING, facts, case_type=CaseType.CIVIL) == [
        "Ola Nordmann has not consented yet.",
        "Kari Nordmann has not had a preparatory talk yet.",
        "No mediator is assigned yet.",
    ]


def test_guard_reasons_are_in_the_users_language():
    facts = ready_facts()
    facts.parties[1].consented = False
    with translation.override("nb"):
        reasons = refusals(Status.PREPARING, Action.SCHEDULE_MEETING, facts, case_type=CaseType.CIVIL)
    assert reasons == ["Ola Nordmann har ikke samtykket ennå."]


def test_available_transitions_list_every_move_with_its_reasons():
    facts = ready_facts()
    facts.parties[1].prepared = False
    moves = {
        t.action: reasons
        for t, reasons in lifecycle.available_transitions(Status.PREPARING, facts, case_type=CaseType.CIVIL)
    }
    assert moves == {
        "schedule_meeting": ["Ola Nordmann has not had a preparatory talk yet."],
        "withdraw": [],
    }


def event(kind, **payload):
    return SimpleNamespace(kind=kind, payload=payload)


def fold_facts(events, **kwargs):
    """`lifecycle.fold_facts` with every declared kind, as the services call it."""
    return lifecycle.fold_facts(events, kinds=EVENT_KINDS, **kwargs)


def test_facts_are_folded_from_the_timeline_in_order():
    facts = fold_facts(
        [
            event("party_added", party_id=1, name="Ola", role="victim", minor=False),
            event("party_added", party_id=2, name="Emil", role="offender", minor=True),
            event("guardian_added", party_id=2, guardian_id=7, name="Hanne", party_name="Emil"),
            event("consent_given", party_id=1, guardian_id=None, name="Ola"),
            event("consent_given", party_id=2, guardian_id=7, name="Hanne"),
            event("preparation_held", party_id=1, name="Ola"),
            event("mediator_assigned", mediator_id=9, name="Mia"),
            event("mediator_assigned", mediator_id=8, name="Mats"),
            event("mediator_unassigned", mediator_id=8, name="Mats"),
            event("consent_withdrawn", party_id=1, guardian_id=None, name="Ola"),
            event("meeting_scheduled", meeting_id=3, meeting_type="mediation", starts_at="2026-12-01T10:00:00+00:00"),
            event("status_changed", action="x", from_status="a", to_status="b"),
        ]
    )
    assert facts.parties[1] == PartyFacts(name="Ola", role="victim", consented=False, prepared=True)
    assert facts.parties[2].guardians == {7: "Hanne"}
    assert facts.parties[2].guardians_consented == {7}
    assert facts.parties[2].consented is False
    assert facts.mediators == {9: "Mia"}
    assert facts.scheduled_meeting_id == 3


def test_a_cancelled_or_held_meeting_is_no_longer_the_scheduled_one():
    facts = fold_facts(
        [
            event("meeting_scheduled", meeting_id=3, meeting_type="mediation", starts_at="2026-12-01T10:00:00+00:00"),
            event("meeting_cancelled", meeting_id=3),
            event("meeting_scheduled", meeting_id=4, meeting_type="mediation", starts_at="2026-12-08T10:00:00+00:00"),
            event("meeting_held", meeting_id=4, result="agreement"),
        ]
    )
    assert facts.scheduled_meeting_id is None
    assert facts.meetings[3].status == "cancelled"
    assert (facts.meetings[4].status, facts.meetings[4].result) == ("held", "agreement")


def test_a_guardians_withdrawal_takes_back_only_their_consent():
    facts = fold_facts(
        [
            event("party_added", party_id=2, name="Emil", role="offender", minor=True),
            event("guardian_added", party_id=2, guardian_id=7, name="Hanne", party_name="Emil"),
            event("consent_given", party_id=2, guardian_id=None, name="Emil"),
            event("consent_given", party_id=2, guardian_id=7, name="Hanne"),
            event("consent_withdrawn", party_id=2, guardian_id=7, name="Hanne"),
        ]
    )
    assert (facts.parties[2].consented, facts.parties[2].guardians_consented) == (True, set())


@pytest.mark.parametrize(
    "kind",
    [
        "guardian_added",
        "consent_given",
        "consent_withdrawn",
        "guardian_consent_waived",
        "preparation_held",
        "meeting_cancelled",
        "meeting_held",
    ],
)
def test_events_about_unknown_parties_or_meetings_are_ignored(kind):
    payload = {"party_id": 99, "guardian_id": 1, "name": "X", "party_name": "Y", "meeting_id": 99}
    assert fold_facts([event(kind, **payload)]) == CaseFacts()


# --- what each status means ---------------------------------------------------------------------


def test_every_status_has_one_row_saying_what_it_means():
    assert set(lifecycle.STATUS_INFO) == set(Status)


def test_the_status_sets_are_read_from_the_table():
    assert {
        Status.NOT_SUITABLE,
        Status.NO_AGREEMENT,
        Status.FULFILLED,
        Status.NOT_FULFILLED,
        Status.WITHDRAWN,
    } == CLOSED_STATUSES
    assert set(Status) - CLOSED_STATUSES == OPEN_STATUSES
    assert {Status.RECEIVED, Status.ASSESSING, Status.PREPARING} == lifecycle.PRE_MEETING_STATUSES
    assert {*lifecycle.PRE_MEETING_STATUSES, Status.MEETING_SCHEDULED} == lifecycle.ANSWERS_OPEN_STATUSES
    assert {
        Status.MEETING_HELD,
        Status.IN_FOLLOW_UP,
        Status.FULFILLED,
        Status.NOT_FULFILLED,
        Status.WITHDRAWN,
    } == lifecycle.AGREEMENT_STATUSES


def test_every_closed_status_and_only_those_tell_the_referrer_an_outcome():
    assert set(lifecycle.OUTCOME_BY_STATUS) == CLOSED_STATUSES
    assert lifecycle.OUTCOME_BY_STATUS[Status.WITHDRAWN] == "withdrawn"


# --- transitions scoped by case type ------------------------------------------------------------


def test_every_move_applies_to_every_case_type_today():
    for case_type in CaseType:
        moves = {
            t.action
            for t, _reasons in lifecycle.available_transitions(Status.IN_FOLLOW_UP, ready_facts(), case_type=case_type)
        }
        assert moves == {Action.MARK_FULFILLED, Action.MARK_NOT_FULFILLED, Action.OFFER_NEW_MEETING, Action.WITHDRAW}


def test_every_case_type_withdraws_to_withdrawn_today():
    withdraw = lifecycle.TRANSITIONS[Action.WITHDRAW]
    assert {withdraw.target_for(case_type) for case_type in CaseType} == {Status.WITHDRAWN}


def test_a_move_limited_to_some_case_types_is_refused_and_not_offered_in_others(monkeypatch):
    youth_only = lifecycle.Transition(
        Action.OFFER_NEW_MEETING,
        "Offer a new meeting",
        frozenset({Status.IN_FOLLOW_UP}),
        Status.PREPARING,
        case_types=frozenset({CaseType.YOUTH_FOLLOW_UP}),
    )
    monkeypatch.setitem(lifecycle.TRANSITIONS, Action.OFFER_NEW_MEETING, youth_only)
    assert refusals(Status.IN_FOLLOW_UP, Action.OFFER_NEW_MEETING, ready_facts(), case_type=CaseType.CIVIL) == [
        "“Offer a new meeting” is not possible in a case of the type “Civil case”."
    ]
    civil = lifecycle.available_transitions(Status.IN_FOLLOW_UP, ready_facts(), case_type=CaseType.CIVIL)
    assert Action.OFFER_NEW_MEETING not in {t.action for t, _reasons in civil}
    youth = lifecycle.available_transitions(Status.IN_FOLLOW_UP, ready_facts(), case_type=CaseType.YOUTH_FOLLOW_UP)
    assert Action.OFFER_NEW_MEETING in {t.action for t, _reasons in youth}


def test_the_withdrawal_target_can_depend_on_the_case_type(monkeypatch):
    withdraw = lifecycle.TRANSITIONS[Action.WITHDRAW]
    by_type = lifecycle.Transition(
        withdraw.action,
        withdraw.label,
        withdraw.sources,
        withdraw.target,
        target_by_case_type={CaseType.YOUTH_SENTENCE: Status.NOT_FULFILLED},
    )
    monkeypatch.setitem(lifecycle.TRANSITIONS, Action.WITHDRAW, by_type)
    youth = SimpleNamespace(status=Status.PREPARING, case_type=CaseType.YOUTH_SENTENCE)
    civil = SimpleNamespace(status=Status.PREPARING, case_type=CaseType.CIVIL)
    assert lifecycle.apply_transition(youth, Action.WITHDRAW, CaseFacts())[1] == Status.NOT_FULFILLED
    assert lifecycle.apply_transition(civil, Action.WITHDRAW, CaseFacts())[1] == Status.WITHDRAWN


# --- the follow-up ends only from the answers, on or after the fulfilment date ------------------

FOLLOW_UP_ENDS = [Action.MARK_FULFILLED, Action.MARK_NOT_FULFILLED, Action.OFFER_NEW_MEETING]


def follow_up_facts(**changes):
    facts = ready_facts()
    facts.fulfilment_date = dt.date(2026, 12, 15)
    facts.today = dt.date(2026, 12, 15)
    for name, value in changes.items():
        setattr(facts, name, value)
    return facts


@pytest.mark.parametrize("action", FOLLOW_UP_ENDS)
def test_a_follow_up_ends_on_the_fulfilment_date_once_every_commitment_is_answered(action):
    assert refusals(Status.IN_FOLLOW_UP, action, follow_up_facts(), case_type=CaseType.CIVIL) == []


@pytest.mark.parametrize("action", FOLLOW_UP_ENDS)
def test_a_follow_up_does_not_end_before_the_fulfilment_date(action):
    facts = follow_up_facts(today=dt.date(2026, 12, 14))
    assert refusals(Status.IN_FOLLOW_UP, action, facts, case_type=CaseType.CIVIL) == [
        "The fulfilment date has not come yet."
    ]


@pytest.mark.parametrize("action", FOLLOW_UP_ENDS)
def test_a_follow_up_does_not_end_while_a_commitment_is_unanswered(action):
    facts = follow_up_facts(open_commitments={12})
    assert refusals(Status.IN_FOLLOW_UP, action, facts, case_type=CaseType.CIVIL) == [
        "Answer for every commitment whether it was kept."
    ]


def test_without_a_date_to_compare_with_the_fulfilment_date_counts_as_not_reached():
    facts = follow_up_facts(today=None)
    assert lifecycle.fulfilment_date_reached(facts) == ["The fulfilment date has not come yet."]


def test_the_fulfilment_date_and_open_commitments_are_folded_from_approval_and_answers():
    facts = fold_facts(
        [
            event(
                "agreement_approved",
                version_id=3,
                number=2,
                content_hash="ab",
                fulfilment_date="2026-12-15",
                commitment_ids=[11, 12],
            ),
            event("commitment_checked", commitment_id=11, position=1, kept=False, answered_by="staff"),
        ],
        today=dt.date(2026, 12, 1),
    )
    assert (facts.fulfilment_date, facts.open_commitments, facts.today) == (
        dt.date(2026, 12, 15),
        {12},
        dt.date(2026, 12, 1),
    )
    assert refusals(Status.IN_FOLLOW_UP, Action.MARK_FULFILLED, facts, case_type=CaseType.CIVIL) == [
        "The fulfilment date has not come yet.",
        "Answer for every commitment whether it was kept.",
    ]


def test_an_approval_from_an_older_timeline_without_date_or_commitments_does_not_block_the_follow_up():
    facts = fold_facts([event("agreement_approved", version_id=3, number=2, content_hash="ab")])
    assert (facts.fulfilment_date, facts.open_commitments) == (None, set())
    assert lifecycle.fulfilment_date_reached(facts) == []
    assert lifecycle.every_commitment_answered(facts) == []

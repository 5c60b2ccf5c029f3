"""The contact rule as a table: ``direct_contact`` over fake timelines, for every case type.

No database: each row builds a timeline of plain events (kind, payload, sequence) and asks the
rule. Ola (party 1) is the victim, Kari (party 2) the offender; both adults unless a row says so.
"""

from types import SimpleNamespace

import pytest
from django.utils import translation

from mekle.cases.models import CLOSED_STATUSES, CRIMINAL_CASE_TYPES, CaseType, SafetyRisk, Status
from mekle.dialogue.contact import (
    CONTACT_KINDS,
    DirectContact,
    direct_contact,
    fold_contact,
    harmed_party_ids,
    not_open_sentence,
)

OLA, KARI, HANNE = 1, 2, 10
NAMES = ("Ola", "Kari", "Nordmann", "Hanne")
CRIMINAL = sorted(CRIMINAL_CASE_TYPES)
ALL_TYPES = [CaseType.CIVIL, *CRIMINAL]

WAIT_CONSENT = "Direct messages open when everyone has agreed to take part."
WAIT_ASSESSED = "Direct messages open when the office has assessed the case and talked with each of you."
WAIT_HARMED = "Direct messages open only if the person harmed chooses them."
NOT_OPEN = "Direct messages are not open in this case."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


class Timeline:
    """A case's events, oldest first, as the rule reads them."""

    def __init__(self) -> None:
        self.events: list[SimpleNamespace] = []

    def add(self, kind: str, **payload: object) -> "Timeline":
        self.events.append(SimpleNamespace(kind=kind, payload=payload, sequence=len(self.events) + 1))
        return self

    def parties(self, *, kari_minor: bool = False, ola_role: str = "victim", kari_role: str = "offender") -> "Timeline":
        self.add("party_added", party_id=OLA, name="Ola Nordmann", role=ola_role, minor=False)
        self.add("party_added", party_id=KARI, name="Kari Nordmann", role=kari_role, minor=kari_minor)
        if kari_minor:
            self.add("guardian_added", party_id=KARI, guardian_id=HANNE, name="Hanne Nordmann")
        return self

    def consents(self, *party_ids: int) -> "Timeline":
        for party_id in party_ids or (OLA, KARI):
            self.add("consent_given", party_id=party_id, guardian_id=None)
        return self

    def assessed(self, risk: str = SafetyRisk.NONE_KNOWN) -> "Timeline":
        return self.add("suitability_assessed", suitable=True, safety_risk=risk)

    def answer(self, party_id: int, feels_safe: str, guardian_id: int | None = None) -> "Timeline":
        return self.add("preparation_answers_saved", party_id=party_id, guardian_id=guardian_id, feels_safe=feels_safe)

    def chosen(self, party_id: int = OLA, on: bool = True) -> "Timeline":
        return self.add("direct_contact_chosen" if on else "direct_contact_declined", party_id=party_id)

    def opened(self) -> "Timeline":
        return self.add("direct_contact_opened", reason="Snakket med begge.", author="Mia Lund")

    def rule(self, case_type: str, status: str = Status.PREPARING) -> DirectContact:
        return direct_contact(case_type, status, fold_contact(self.events))


def ready(case_type: str) -> Timeline:
    """Every condition holds: both consented, assessed with no known risk, the victim chose (criminal)."""
    timeline = Timeline().parties().consents().assessed()
    return timeline.chosen() if case_type in CRIMINAL_CASE_TYPES else timeline


def told_to_parties(rule: DirectContact) -> list[str]:
    """Exactly what a party reads: the refusal's sentences."""
    return rule.refusal().reasons


def assert_neutral(rule: DirectContact) -> None:
    for sentence in told_to_parties(rule):
        for name in NAMES:
            assert name not in sentence, sentence


# --- open when all hold -----------------------------------------------------------------------


@pytest.mark.parametrize("case_type", ALL_TYPES)
def test_direct_contact_is_open_when_every_condition_holds(case_type):
    rule = ready(case_type).rule(case_type)
    assert rule.is_open
    assert rule.waiting_for == []
    assert rule.staff_reasons == []
    assert not rule.safety_concern
    assert not rule.opened_by_staff
    rule.ensure_open()  # does not raise


def test_a_civil_case_needs_no_choice_from_anybody():
    rule = Timeline().parties().consents().assessed().rule(CaseType.CIVIL)
    assert rule.is_open
    assert rule.harmed_party_ids == frozenset()
    assert not rule.may_choose(OLA)
    assert not rule.may_choose(KARI)


@pytest.mark.parametrize("case_type", CRIMINAL)
def test_in_a_criminal_case_only_the_victim_may_choose(case_type):
    rule = Timeline().parties().consents().assessed().rule(case_type)
    assert rule.harmed_party_ids == frozenset({OLA})
    assert rule.may_choose(OLA)
    assert not rule.may_choose(KARI)


# --- each condition alone closes it -----------------------------------------------------------


def _without_kari_consent(case_type):
    timeline = Timeline().parties().consents(OLA).assessed()
    return timeline.chosen() if case_type in CRIMINAL_CASE_TYPES else timeline


def _without_guardian_consent(case_type):
    timeline = Timeline().parties(kari_minor=True).consents().assessed()
    return timeline.chosen() if case_type in CRIMINAL_CASE_TYPES else timeline


def _not_assessed(case_type):
    timeline = Timeline().parties().consents()
    return timeline.chosen() if case_type in CRIMINAL_CASE_TYPES else timeline


def _with_risk(risk):
    def build(case_type):
        timeline = Timeline().parties().consents().assessed(risk)
        return timeline.chosen() if case_type in CRIMINAL_CASE_TYPES else timeline

    return build


def _with_answer(feels_safe, guardian=False):
    def build(case_type):
        timeline = Timeline().parties(kari_minor=guardian).consents()
        if guardian:
            timeline.add("consent_given", party_id=KARI, guardian_id=HANNE)
        timeline.assessed().answer(KARI, feels_safe, HANNE if guardian else None)
        return timeline.chosen() if case_type in CRIMINAL_CASE_TYPES else timeline

    return build


def _with_switch(kind, **payload):
    def build(case_type):
        return ready(case_type).add(kind, **payload)

    return build


# (what is missing, the timeline, what the parties are told, a sentence staff read)
CONDITIONS = [
    ("a party has not consented", _without_kari_consent, [WAIT_CONSENT], "Kari Nordmann has not consented yet."),
    (
        "a guardian has not consented",
        _without_guardian_consent,
        [WAIT_CONSENT],
        "Hanne Nordmann, guardian of Kari Nordmann, has not consented yet.",
    ),
    ("the case is not assessed", _not_assessed, [WAIT_ASSESSED], "The case has not been assessed yet."),
    (
        "the assessment found some risk",
        _with_risk(SafetyRisk.SOME),
        [NOT_OPEN],
        "The assessment recorded a safety risk (Some risk: needs measures).",
    ),
    (
        "the assessment found high risk",
        _with_risk(SafetyRisk.HIGH),
        [NOT_OPEN],
        "The assessment recorded a safety risk (High risk).",
    ),
    (
        "a party does not feel safe",
        _with_answer("no"),
        [NOT_OPEN],
        "Kari Nordmann does not feel safe meeting the other party, or is not sure.",
    ),
    (
        "a party is not sure they feel safe",
        _with_answer("unsure"),
        [NOT_OPEN],
        "Kari Nordmann does not feel safe meeting the other party, or is not sure.",
    ),
    (
        "a guardian is not sure they feel safe",
        _with_answer("unsure", guardian=True),
        [NOT_OPEN],
        "Hanne Nordmann does not feel safe meeting the other party, or is not sure.",
    ),
    ("staff paused the thread", _with_switch("thread_paused"), [NOT_OPEN], "Staff have paused messages and proposals."),
    (
        "a party chose the mediator only",
        _with_switch("mediator_channel_chosen", party_id=KARI),
        [NOT_OPEN],
        "A party chose to write only through the mediator.",
    ),
    (
        "a party turned messages off",
        _with_switch("messages_turned_off", party_id=KARI),
        [NOT_OPEN],
        "Kari Nordmann has turned messages off.",
    ),
]


@pytest.mark.parametrize("case_type", ALL_TYPES)
@pytest.mark.parametrize(("missing", "build", "told", "staff_reason"), CONDITIONS, ids=[c[0] for c in CONDITIONS])
def test_each_condition_alone_closes_direct_contact(case_type, missing, build, told, staff_reason):
    rule = build(case_type).rule(case_type)
    assert not rule.is_open, missing
    assert told_to_parties(rule) == told
    assert staff_reason in rule.staff_reasons
    assert_neutral(rule)
    with pytest.raises(Exception, match="Direct messages"):
        rule.ensure_open()


@pytest.mark.parametrize("case_type", ALL_TYPES)
@pytest.mark.parametrize("status", sorted(CLOSED_STATUSES))
def test_a_closed_case_closes_direct_contact(case_type, status):
    rule = ready(case_type).rule(case_type, status)
    assert not rule.is_open
    assert told_to_parties(rule) == [NOT_OPEN]
    assert rule.staff_reasons == ["The case is closed."]


@pytest.mark.parametrize("case_type", CRIMINAL)
def test_in_a_criminal_case_it_waits_for_the_victims_choice_and_a_no_closes_it(case_type):
    waiting = Timeline().parties().consents().assessed().rule(case_type)
    assert not waiting.is_open
    assert told_to_parties(waiting) == [WAIT_HARMED]
    assert waiting.staff_reasons == ["Ola Nordmann, the person harmed, has not chosen direct contact yet."]
    declined = Timeline().parties().consents().assessed().chosen(on=False).rule(case_type)
    assert not declined.is_open
    assert told_to_parties(declined) == [NOT_OPEN]
    assert declined.staff_reasons == ["Ola Nordmann has not chosen direct contact."]
    assert declined.harmed_choice == {OLA: False}


@pytest.mark.parametrize("case_type", CRIMINAL)
def test_the_offenders_choice_counts_for_nothing(case_type):
    rule = Timeline().parties().consents().assessed().chosen(KARI).rule(case_type)
    assert not rule.is_open
    assert told_to_parties(rule) == [WAIT_HARMED]


def test_a_civil_case_ignores_a_choice_nobody_had_to_make():
    rule = Timeline().parties().consents().assessed().chosen(OLA, on=False).rule(CaseType.CIVIL)
    assert rule.is_open


def test_before_anything_opened_a_party_hears_every_step_it_waits_for_in_order():
    rule = Timeline().parties().rule(CaseType.CRIMINAL_MEDIATION)
    assert told_to_parties(rule) == [WAIT_CONSENT, WAIT_ASSESSED, WAIT_HARMED]
    assert rule.staff_reasons == [
        "Ola Nordmann has not consented yet.",
        "Kari Nordmann has not consented yet.",
        "The case has not been assessed yet.",
        "Ola Nordmann, the person harmed, has not chosen direct contact yet.",
    ]


def test_a_case_without_parties_is_closed():
    rule = Timeline().assessed().rule(CaseType.CIVIL)
    assert not rule.is_open
    assert "The case has no parties yet." in rule.staff_reasons
    assert told_to_parties(rule) == [WAIT_CONSENT]


def test_once_anything_closes_it_the_parties_hear_only_that_it_is_not_open():
    """Waiting sentences would say what is still missing; after a closing, nobody learns why."""
    rule = Timeline().parties().consents(OLA).add("messages_turned_off", party_id=KARI).rule(CaseType.CIVIL)
    assert rule.waiting_for == []
    assert told_to_parties(rule) == [NOT_OPEN] == [not_open_sentence()]
    assert "Kari Nordmann has not consented yet." in rule.staff_reasons
    assert "Kari Nordmann has turned messages off." in rule.staff_reasons


# --- each way it closes after being open ------------------------------------------------------


def _withdrawn(timeline):
    timeline.add("consent_withdrawn", party_id=KARI, guardian_id=None)
    return Status.WITHDRAWN


def _new_assessment_risk(timeline):
    timeline.assessed(SafetyRisk.HIGH)
    return Status.PREPARING


def _unsure_answer(timeline):
    timeline.answer(OLA, "unsure")
    return Status.PREPARING


def _paused(timeline):
    timeline.add("thread_paused")
    return Status.PREPARING


def _mediator_only(timeline):
    timeline.add("mediator_channel_chosen", party_id=OLA)
    return Status.PREPARING


def _messages_off(timeline):
    timeline.add("messages_turned_off", party_id=OLA)
    return Status.PREPARING


def _victim_changes_mind(timeline):
    timeline.chosen(OLA, on=False)
    return Status.PREPARING


CLOSINGS = [
    ("consent withdrawn", _withdrawn, "The case is closed."),
    ("a new assessment records a risk", _new_assessment_risk, "The assessment recorded a safety risk (High risk)."),
    (
        "a party answers unsure",
        _unsure_answer,
        "Ola Nordmann does not feel safe meeting the other party, or is not sure.",
    ),
    ("staff pause", _paused, "Staff have paused messages and proposals."),
    ("a party chooses the mediator only", _mediator_only, "A party chose to write only through the mediator."),
    ("a party turns messages off", _messages_off, "Ola Nordmann has turned messages off."),
]


@pytest.mark.parametrize("case_type", ALL_TYPES)
@pytest.mark.parametrize(("how", "close", "staff_reason"), CLOSINGS, ids=[c[0] for c in CLOSINGS])
def test_an_open_door_closes_and_the_parties_hear_only_that_it_is_not_open(case_type, how, close, staff_reason):
    timeline = ready(case_type)
    assert timeline.rule(case_type).is_open
    status = close(timeline)
    rule = timeline.rule(case_type, status)
    assert not rule.is_open, how
    assert told_to_parties(rule) == [NOT_OPEN]
    assert staff_reason in rule.staff_reasons
    assert_neutral(rule)


@pytest.mark.parametrize("case_type", CRIMINAL)
def test_the_victim_changing_their_mind_closes_it(case_type):
    timeline = ready(case_type)
    _victim_changes_mind(timeline)
    rule = timeline.rule(case_type)
    assert not rule.is_open
    assert told_to_parties(rule) == [NOT_OPEN]
    assert rule.staff_reasons == ["Ola Nordmann has not chosen direct contact."]


@pytest.mark.parametrize(
    ("off", "on"),
    [
        ("thread_paused", "thread_resumed"),
        ("mediator_channel_chosen", "direct_channel_restored"),
        ("messages_turned_off", "messages_turned_on"),
    ],
)
def test_undoing_a_switch_opens_it_again(off, on):
    timeline = ready(CaseType.CIVIL).add(off, party_id=KARI)
    assert not timeline.rule(CaseType.CIVIL).is_open
    assert timeline.add(on, party_id=KARI).rule(CaseType.CIVIL).is_open


def test_turning_messages_off_is_per_party_and_both_must_turn_them_on():
    timeline = ready(CaseType.CIVIL)
    timeline.add("messages_turned_off", party_id=OLA).add("messages_turned_off", party_id=KARI)
    timeline.add("messages_turned_on", party_id=OLA)
    rule = timeline.rule(CaseType.CIVIL)
    assert not rule.is_open
    assert rule.staff_reasons == ["Kari Nordmann has turned messages off."]


def test_a_party_who_feels_safe_again_removes_their_concern():
    timeline = ready(CaseType.CIVIL).answer(KARI, "no")
    assert not timeline.rule(CaseType.CIVIL).is_open
    assert timeline.answer(KARI, "yes").rule(CaseType.CIVIL).is_open


# --- the mediator's opening -------------------------------------------------------------------


@pytest.mark.parametrize("case_type", ALL_TYPES)
def test_the_mediators_opening_answers_the_concerns_recorded_before_it(case_type):
    timeline = _with_risk(SafetyRisk.SOME)(case_type).answer(KARI, "unsure")
    assert not timeline.rule(case_type).is_open
    rule = timeline.opened().rule(case_type)
    assert rule.is_open
    assert rule.safety_concern
    assert rule.opened_by_staff
    assert rule.staff_reasons == []


@pytest.mark.parametrize(
    ("later", "closes"),
    [
        (lambda t: t.answer(OLA, "unsure"), True),  # a new person with a concern
        (lambda t: t.answer(OLA, "no"), True),
        (lambda t: t.assessed(SafetyRisk.HIGH), True),  # the risk grew
        (lambda t: t.answer(KARI, "unsure"), False),  # the concern answered, said again
        (lambda t: t.answer(OLA, "yes"), False),  # nothing new
        (lambda t: t.add("consent_given", party_id=OLA, guardian_id=None), False),
    ],
    ids=["other-party-unsure", "other-party-no", "risk-grows", "same-concern-again", "calm-answer", "other-event"],
)
def test_a_concern_recorded_after_the_opening_closes_it_again(later, closes):
    timeline = _with_risk(SafetyRisk.SOME)(CaseType.CIVIL).answer(KARI, "no").opened()
    assert timeline.rule(CaseType.CIVIL).is_open
    later(timeline)
    rule = timeline.rule(CaseType.CIVIL)
    assert rule.is_open is not closes
    if closes:
        assert told_to_parties(rule) == [NOT_OPEN]
        assert not rule.opened_by_staff
        assert "The mediator can open direct contact with a written reason after talking with each party." in (
            rule.staff_reasons
        )


def test_a_concern_that_went_away_and_came_back_needs_a_new_opening():
    timeline = ready(CaseType.CIVIL).answer(KARI, "no").opened().answer(KARI, "yes")
    assert timeline.rule(CaseType.CIVIL).is_open
    timeline.answer(KARI, "unsure")
    assert not timeline.rule(CaseType.CIVIL).is_open
    assert timeline.opened().rule(CaseType.CIVIL).is_open


def test_an_opening_before_any_concern_answers_nothing():
    timeline = ready(CaseType.CIVIL).opened().answer(KARI, "unsure")
    rule = timeline.rule(CaseType.CIVIL)
    assert not rule.is_open
    assert not rule.opened_by_staff


@pytest.mark.parametrize("case_type", CRIMINAL)
def test_the_mediators_opening_does_not_stand_in_for_the_victims_choice(case_type):
    timeline = Timeline().parties().consents().assessed(SafetyRisk.SOME).opened()
    rule = timeline.rule(case_type)
    assert not rule.is_open
    assert told_to_parties(rule) == [WAIT_HARMED]
    assert timeline.chosen().rule(case_type).is_open


@pytest.mark.parametrize(
    "switch",
    [("thread_paused", {}), ("messages_turned_off", {"party_id": KARI}), ("mediator_channel_chosen", {"party_id": 1})],
)
def test_the_mediators_opening_does_not_override_a_switch(switch):
    kind, payload = switch
    timeline = _with_risk(SafetyRisk.HIGH)(CaseType.CIVIL).add(kind, **payload).opened()
    assert not timeline.rule(CaseType.CIVIL).is_open


def test_the_mediators_opening_does_not_stand_in_for_consent():
    timeline = Timeline().parties().consents(OLA).assessed(SafetyRisk.SOME).opened()
    rule = timeline.rule(CaseType.CIVIL)
    assert not rule.is_open
    assert rule.staff_reasons == ["Kari Nordmann has not consented yet."]


# --- who the person harmed is -----------------------------------------------------------------


@pytest.mark.parametrize("case_type", CRIMINAL)
def test_a_criminal_case_without_a_registered_victim_lets_every_non_offender_choose(case_type):
    timeline = Timeline()
    timeline.add("party_added", party_id=OLA, name="Ola Nordmann", role="other")
    timeline.add("party_added", party_id=KARI, name="Kari Nordmann", role="offender")
    timeline.add("party_added", party_id=3, name="Siri Strand", role="other")
    timeline.add("consent_given", party_id=OLA).add("consent_given", party_id=KARI).add("consent_given", party_id=3)
    timeline.assessed()
    rule = timeline.rule(case_type)
    assert rule.harmed_party_ids == frozenset({OLA, 3})
    assert told_to_parties(rule) == [WAIT_HARMED]
    assert not timeline.chosen(OLA).rule(case_type).is_open  # Siri has not chosen yet
    assert timeline.chosen(3).rule(case_type).is_open


@pytest.mark.parametrize("case_type", CRIMINAL)
def test_with_a_victim_registered_another_party_is_not_the_person_harmed(case_type):
    timeline = Timeline().parties(kari_role="offender")
    timeline.add("party_added", party_id=3, name="Siri Strand", role="other")
    timeline.consents(OLA, KARI, 3).assessed()
    rule = timeline.rule(case_type)
    assert rule.harmed_party_ids == frozenset({OLA})
    assert not rule.may_choose(3)
    assert timeline.chosen(OLA).rule(case_type).is_open


def test_harmed_party_ids_is_empty_for_a_civil_case_and_lists_every_victim_in_a_criminal_one():
    facts = fold_contact(Timeline().parties(kari_role="victim").events).case
    assert harmed_party_ids(CaseType.CIVIL, facts) == []
    assert sorted(harmed_party_ids(CaseType.CRIMINAL_MEDIATION, facts)) == [OLA, KARI]


@pytest.mark.parametrize("case_type", CRIMINAL)
def test_for_a_minor_victim_with_a_guardian_the_guardian_chooses(case_type):
    timeline = Timeline().parties(kari_minor=True, ola_role="offender", kari_role="victim")
    rule = timeline.consents().add("consent_given", party_id=KARI, guardian_id=HANNE).assessed().rule(case_type)
    assert rule.harmed_party_ids == frozenset({KARI})
    assert rule.guardian_chooses == frozenset({KARI})
    assert not rule.may_choose(KARI)
    assert rule.may_choose(KARI, as_guardian=True)
    assert not rule.may_choose(OLA, as_guardian=True)


@pytest.mark.parametrize("case_type", CRIMINAL)
def test_a_minor_victim_without_a_guardian_registered_chooses_themselves(case_type):
    timeline = Timeline()
    timeline.add("party_added", party_id=OLA, name="Ola Nordmann", role="victim", minor=True)
    timeline.add("party_added", party_id=KARI, name="Kari Nordmann", role="offender")
    rule = timeline.rule(case_type)
    assert rule.guardian_chooses == frozenset()
    assert rule.may_choose(OLA)


@pytest.mark.parametrize("case_type", CRIMINAL)
def test_two_victims_must_both_choose(case_type):
    timeline = Timeline().parties(kari_role="victim").consents().assessed().chosen(OLA)
    assert not timeline.rule(case_type).is_open
    assert timeline.chosen(KARI).rule(case_type).is_open


# --- what each side is told -------------------------------------------------------------------


def test_staff_read_every_reason_with_names_and_parties_none_of_them():
    timeline = Timeline().parties(kari_minor=True).consents(OLA).assessed(SafetyRisk.HIGH)
    timeline.answer(KARI, "no", HANNE).add("messages_turned_off", party_id=OLA).add("thread_paused")
    rule = timeline.rule(CaseType.YOUTH_SENTENCE)
    assert rule.staff_reasons == [
        "Kari Nordmann has not consented yet.",
        "Hanne Nordmann, guardian of Kari Nordmann, has not consented yet.",
        "The assessment recorded a safety risk (High risk).",
        "Hanne Nordmann does not feel safe meeting the other party, or is not sure.",
        "The mediator can open direct contact with a written reason after talking with each party.",
        "Ola Nordmann, the person harmed, has not chosen direct contact yet.",
        "Staff have paused messages and proposals.",
        "Ola Nordmann has turned messages off.",
    ]
    assert told_to_parties(rule) == [NOT_OPEN]


def test_the_rule_reads_only_the_kinds_it_folds():
    """``direct_contact_for`` loads only CONTACT_KINDS; every kind the rule reacts to must be in it."""
    for kind in (
        "party_added",
        "guardian_added",
        "consent_given",
        "consent_withdrawn",
        "suitability_assessed",
        "preparation_answers_saved",
        "direct_contact_chosen",
        "direct_contact_declined",
        "direct_contact_opened",
        "mediator_channel_chosen",
        "direct_channel_restored",
        "messages_turned_off",
        "messages_turned_on",
        "thread_paused",
        "thread_resumed",
    ):
        assert kind in CONTACT_KINDS, kind


def test_a_preparation_answer_about_a_party_not_in_the_case_is_ignored_in_the_reasons():
    timeline = ready(CaseType.CIVIL).answer(99, "no")
    rule = timeline.rule(CaseType.CIVIL)
    assert not rule.is_open  # a concern stands, whoever voiced it
    assert not any("99" in reason for reason in rule.staff_reasons)

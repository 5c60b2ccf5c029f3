"""The referral rules as one table: who may refer which case type, what police and courts give, ages.

The same rows run through the pure rule, through ``register_referral`` (which every door calls),
the staff form and the API's content check, so the doors cannot drift apart again.
"""

import datetime as dt

import pytest

from mekle.cases.models import Case, CaseType, ReferrerKind
from mekle.lib.errors import Refusal
from mekle.parties import rules
from mekle.parties import services as party_services
from mekle.parties.services import GuardianInput, PartyInput
from mekle.referrals.services.api_referrals import ReferralRequest, _content_problems
from mekle.workspace.forms import PartyForm, ReferralForm

TODAY = dt.date(2026, 6, 1)
YESTERDAY = TODAY - dt.timedelta(days=1)
TOMORROW = TODAY + dt.timedelta(days=1)
ADULT = PartyInput(full_name="Ola", role="victim", date_of_birth=dt.date(1980, 1, 1))
MINOR = PartyInput(full_name="Emil", role="offender", date_of_birth=dt.date(2011, 6, 2))  # 14
MINOR_WITH_GUARDIAN = PartyInput(
    full_name="Emil", role="offender", date_of_birth=dt.date(2011, 6, 2), guardians=[GuardianInput(full_name="Hanne")]
)
JUST_ADULT = PartyInput(full_name="Siri", role="offender", date_of_birth=dt.date(2008, 6, 1))  # 18 today
NO_BIRTH_DATE = PartyInput(full_name="Jon", role="offender")

CIVIL, CRIMINAL, YOUTH_SENTENCE = CaseType.CIVIL, CaseType.CRIMINAL_MEDIATION, CaseType.YOUTH_SENTENCE
POLICE, COURT, SCHOOL, PARTY = ReferrerKind.POLICE, ReferrerKind.COURT, ReferrerKind.SCHOOL, ReferrerKind.PARTY

# (case type, referrer, reference, decision date, parties) -> {(field, code)}
TABLE = [
    (CIVIL, PARTY, "", None, [ADULT, ADULT], set()),
    (CIVIL, SCHOOL, "", None, [ADULT, NO_BIRTH_DATE], set()),
    (CIVIL, POLICE, "POL-1", YESTERDAY, [ADULT], set()),
    (CIVIL, POLICE, "", None, [ADULT], {("referrer_reference", "required"), ("referrer_decision_date", "required")}),
    (CIVIL, COURT, "TING-1", None, [ADULT], {("referrer_decision_date", "required")}),
    (CRIMINAL, POLICE, "POL-1", TODAY, [ADULT, MINOR_WITH_GUARDIAN], set()),
    (CRIMINAL, COURT, "TING-1", YESTERDAY, [ADULT], set()),
    (
        CRIMINAL,
        SCHOOL,
        "",
        None,
        [ADULT],
        {
            ("referrer_kind", "referrer_not_allowed"),
            ("referrer_reference", "required"),
            ("referrer_decision_date", "required"),
        },
    ),
    (CaseType.FOLLOW_UP, PARTY, "X", YESTERDAY, [ADULT], {("referrer_kind", "referrer_not_allowed")}),
    (CaseType.YOUTH_FOLLOW_UP, POLICE, "POL-1", YESTERDAY, [ADULT], set()),
    (YOUTH_SENTENCE, COURT, "TING-1", YESTERDAY, [ADULT], set()),
    (YOUTH_SENTENCE, POLICE, "POL-1", YESTERDAY, [ADULT], {("referrer_kind", "referrer_not_allowed")}),
    (CRIMINAL, POLICE, "POL-1", TOMORROW, [ADULT], {("referrer_decision_date", "date_in_future")}),
    (CIVIL, PARTY, "", TOMORROW, [ADULT], {("referrer_decision_date", "date_in_future")}),
    (CIVIL, PARTY, "", None, [ADULT, MINOR], {("parties[1].guardians", "guardian_required")}),
    (CIVIL, PARTY, "", None, [JUST_ADULT], set()),
    (CIVIL, PARTY, "", None, [], {("parties", "required")}),
]
IDS = [f"{row[0]}-{row[1]}-{i}" for i, row in enumerate(TABLE)]


@pytest.mark.parametrize(("case_type", "kind", "reference", "decided", "parties", "expected"), TABLE, ids=IDS)
def test_the_referral_rules(case_type, kind, reference, decided, parties, expected):
    problems = rules.referral_problems(
        case_type=case_type,
        referrer_kind=kind,
        referrer_reference=reference,
        decision_date=decided,
        parties=parties,
        today=TODAY,
    )
    assert {(p.field, p.code) for p in problems} == expected
    assert all(p.message for p in problems)


@pytest.mark.parametrize(("case_type", "kind", "reference", "decided", "parties", "expected"), TABLE, ids=IDS)
def test_the_shared_write_refuses_exactly_what_the_rules_refuse(
    time_machine, alice, office_a, case_type, kind, reference, decided, parties, expected
):
    time_machine.move_to(dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC))
    register = {
        "actor": alice,
        "office": office_a,
        "case_type": case_type,
        "referrer_kind": kind,
        "referrer_reference": reference,
        "referrer_decision_date": decided,
        "parties": parties,
    }
    if not expected:
        assert party_services.register_referral(**register).parties.count() == len(parties)
        return
    with pytest.raises(Refusal) as refused:
        party_services.register_referral(**register)
    assert len(refused.value.reasons) == len(expected)
    assert not Case.objects.exists()


@pytest.mark.parametrize(("case_type", "kind", "reference", "decided", "parties", "expected"), TABLE, ids=IDS)
def test_the_staff_form_places_each_problem_on_its_field(
    time_machine, case_type, kind, reference, decided, parties, expected
):
    time_machine.move_to(dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC))
    form = ReferralForm(
        {
            "case_type": case_type,
            "referrer_kind": kind,
            "referrer_reference": reference,
            "referrer_decision_date": decided.isoformat() if decided else "",
            "received_on": TODAY.isoformat(),
            "description": "Konflikt.",
        }
    )
    party_forms = [
        PartyForm(
            {
                "full_name": p.full_name,
                "role": p.role,
                "date_of_birth": p.date_of_birth.isoformat() if p.date_of_birth else "",
                "phone": "40000000",
                "preferred_language": "nb",
                "guardian_name": p.guardians[0].full_name if p.guardians else "",
            }
        )
        for p in parties
    ]
    form_fields = {field for field, _code in expected if not field.startswith("parties")}
    assert set(form.errors) == form_fields
    refused_parties = {int(field[8]) for field, _code in expected if field.startswith("parties[")}
    assert {i for i, party in enumerate(party_forms) if "guardian_name" in party.errors} == refused_parties


API_FIELDS = {"referrer_decision_date": "decision_date", "referrer_kind": "case_type"}


@pytest.mark.parametrize(("case_type", "kind", "reference", "decided", "parties", "expected"), TABLE, ids=IDS)
def test_the_api_maps_each_problem_to_its_own_field_names(
    time_machine, case_type, kind, reference, decided, parties, expected
):
    time_machine.move_to(dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC))
    request = ReferralRequest(
        office_code="OSL",
        case_type=case_type,
        referrer_reference=reference,
        decision_date=decided,
        description="",
        parties=parties,
        consent_collected_by_police=[True] * len(parties),
    )
    problems = _content_problems(request, kind)
    assert {(p.field, p.code) for p in problems} == {(API_FIELDS.get(f, f), code) for f, code in expected}

"""Dates that make sense in a referral and its parties: births from 1900 to today, a referral's decision
and receipt in the past (at most ten years back, the decision not after the receipt), consent within
ten years, a preparatory talk not before the case came in.

Each rule as a table of the pure function, then the doors: the staff form says it in Norwegian on
the field, the shared write refuses the same and nothing is stored, and the API names the field.
"""

import datetime as dt

import pytest
from django.utils import translation

from mekle.cases.models import Case, CaseEvent, CaseType, ReferrerKind
from mekle.lib.errors import Refusal
from mekle.parties import rules
from mekle.parties import services as party_services
from mekle.parties.models import Consent, Party, Preparation
from mekle.parties.participants import Participant
from mekle.parties.services import PartyInput
from mekle.testing.api import civil_referral, make_world, post_referral
from mekle.testing.cast import adult
from mekle.workspace.forms import ConsentForm, PartyForm, PreparationTalkForm, ReferralForm

TODAY = dt.date(2026, 6, 1)
NOON = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def june(time_machine):
    time_machine.move_to(NOON)


@pytest.fixture
def keys(office_a, office_b):
    return make_world(office_a, office_b)


@pytest.fixture
def norwegian():
    with translation.override("nb"):
        yield


@pytest.mark.parametrize(
    ("born", "code"),
    [
        (None, None),
        (dt.date(1900, 1, 1), None),
        (TODAY, None),
        (dt.date(1899, 12, 31), "date_too_early"),
        (dt.date(1, 1, 1), "date_too_early"),
        (TODAY + dt.timedelta(days=1), "date_in_future"),
    ],
)
def test_a_date_of_birth_lies_from_1900_to_today(born, code):
    problems = rules.birth_date_problems(field="date_of_birth", date_of_birth=born, today=TODAY)
    assert [p.code for p in problems] == ([code] if code else [])
    assert all(p.field == "date_of_birth" and p.message for p in problems)


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (None, None),
        (TODAY, None),
        (dt.date(2016, 6, 1), None),  # ten years back, the oldest allowed
        (dt.date(2016, 5, 31), "date_too_early"),
        (dt.date(1, 1, 1), "date_too_early"),
        (TODAY + dt.timedelta(days=1), "date_in_future"),
    ],
)
def test_a_date_that_has_happened_is_within_ten_years(day, code):
    problems = rules.past_date_problems(field="given_on", day=day, today=TODAY)
    assert [p.code for p in problems] == ([code] if code else [])


def test_the_ten_years_count_back_from_a_leap_day():
    assert rules.earliest_referral_date(dt.date(2028, 2, 29)) == dt.date(2018, 2, 28)


@pytest.mark.parametrize(
    ("decided", "received", "expected"),
    [
        (None, None, set()),
        (TODAY - dt.timedelta(days=3), TODAY, set()),
        (TODAY, TODAY, set()),
        (TODAY, TODAY - dt.timedelta(days=1), {("referrer_decision_date", "decision_after_receipt")}),
        (None, TODAY + dt.timedelta(days=1), {("received_on", "date_in_future")}),
        (dt.date(1, 1, 1), TODAY, {("referrer_decision_date", "date_too_early")}),
        (None, dt.date(1, 1, 1), {("received_on", "date_too_early")}),
    ],
)
def test_the_decision_to_refer_and_the_receipt(decided, received, expected):
    problems = rules.referral_date_problems(decision_date=decided, received_on=received, today=TODAY)
    assert {(p.field, p.code) for p in problems} == expected


@pytest.mark.parametrize(
    ("held", "code"),
    [
        (TODAY, None),
        (TODAY - dt.timedelta(days=10), None),  # the day the case came in
        (TODAY - dt.timedelta(days=11), "before_receipt"),
        (TODAY + dt.timedelta(days=1), "date_in_future"),
    ],
)
def test_a_preparatory_talk_is_held_between_the_receipt_and_today(held, code):
    received = TODAY - dt.timedelta(days=10)
    problems = rules.preparation_date_problems(held_on=held, received_on=received, today=TODAY)
    assert [p.code for p in problems] == ([code] if code else [])


def test_an_implausible_birth_date_is_checked_before_the_guardian_rule():
    problems = rules.party_problems(index=2, date_of_birth=dt.date(1, 1, 1), has_guardian=False, today=TODAY)
    assert [(p.field, p.code) for p in problems] == [("parties[2].date_of_birth", "date_too_early")]


# --- the doors ----------------------------------------------------------------------------------


def _party_form(born: str) -> PartyForm:
    return PartyForm(
        {"full_name": "Ola", "role": "victim", "date_of_birth": born, "phone": "40000000", "preferred_language": "nb"}
    )


def test_the_reported_birth_date_0001_01_01_is_refused_in_norwegian_on_its_field(june, norwegian):
    form = _party_form("0001-01-01")
    assert form.errors["date_of_birth"] == ["Fødselsdatoen kan ikke være før 1. januar 1900."]
    assert "guardian_name" not in form.errors
    assert _party_form("1900-01-01").is_valid()
    assert _party_form("2026-06-02").errors["date_of_birth"] == ["Fødselsdatoen kan ikke være fram i tid."]


def test_the_date_pickers_and_help_texts_state_the_range(june, norwegian):
    party = _party_form("").fields["date_of_birth"]
    assert party.widget.attrs["min"] == "1900-01-01"
    assert party.widget.attrs["max"] == "2026-06-01"
    assert party.help_text == "Fra 1. januar 1900 til i dag."
    received = ReferralForm().fields["received_on"]
    assert (received.widget.attrs["min"], received.widget.attrs["max"]) == ("2016-06-01", "2026-06-01")
    decision = ReferralForm().fields["referrer_decision_date"]
    assert decision.help_text.endswith(" Fra 1. juni 2016 til i dag.")  # after its own help text
    assert 'min="2016-06-01"' in str(ReferralForm()["referrer_decision_date"])


def _referral_form(**changes: str) -> ReferralForm:
    data = {
        "case_type": CaseType.CIVIL,
        "referrer_kind": ReferrerKind.PARTY,
        "received_on": TODAY.isoformat(),
        "description": "Konflikt.",
        **changes,
    }
    return ReferralForm(data)


def test_the_referral_form_places_the_date_rules_on_their_fields(june, norwegian):
    late = _referral_form(referrer_decision_date="2026-06-01", received_on="2026-05-30")
    assert late.errors == {
        "referrer_decision_date": ["Beslutningen om å henvise kan ikke være senere enn dagen saken kom inn."]
    }
    assert _referral_form(received_on="2026-06-02").errors == {"received_on": ["Datoen kan ikke være fram i tid."]}
    ancient = _referral_form(received_on="0001-01-01")
    assert ancient.errors == {"received_on": ["Datoen kan ikke være før 1. juni 2016."]}
    # The other referral rules need the case type; the dates are checked without it.
    assert set(_referral_form(case_type="", received_on="2026-06-02").errors) == {"case_type", "received_on"}


def test_the_shared_write_refuses_a_birth_date_of_0001_01_01_and_stores_nothing(june, norwegian, alice, office_a):
    ancient = PartyInput(full_name="Ola", role="victim", date_of_birth=dt.date(1, 1, 1))
    with pytest.raises(Refusal) as refused:
        party_services.register_referral(
            actor=alice, office=office_a, case_type=CaseType.CIVIL, referrer_kind=ReferrerKind.PARTY, parties=[ancient]
        )
    assert refused.value.reasons == ["Fødselsdatoen kan ikke være før 1. januar 1900."]
    assert not Case.objects.exists()
    assert not Party.objects.exists()


def test_the_shared_write_refuses_a_receipt_in_the_future(june, alice, office_a):
    with pytest.raises(Refusal):
        party_services.register_referral(
            actor=alice,
            office=office_a,
            case_type=CaseType.CIVIL,
            referrer_kind=ReferrerKind.PARTY,
            parties=[adult("Ola")],
            received_on=TODAY + dt.timedelta(days=1),
        )
    assert not Case.objects.exists()


def test_adding_a_party_refuses_an_implausible_birth_date(june, norwegian, case, alice):
    before = (Party.objects.count(), CaseEvent.objects.count())
    future = PartyInput(full_name="Per", role="other", date_of_birth=TODAY + dt.timedelta(days=1), phone="1")
    with pytest.raises(Refusal) as refused:
        party_services.add_party(actor=alice, case=case, data=future)
    assert refused.value.reasons == ["Fødselsdatoen kan ikke være fram i tid."]
    assert (Party.objects.count(), CaseEvent.objects.count()) == before


def test_the_api_refuses_a_birth_date_of_0001_01_01_by_field(client, keys):
    body = civil_referral()
    body["parties"][0]["date_of_birth"] = "0001-01-01"
    response = post_referral(client, keys["police"], body)
    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert fields == [
        {
            "field": "parties[0].date_of_birth",
            "code": "date_too_early",
            "message": "Fødselsdatoen kan ikke være før 1. januar 1900.",
        }
    ]
    assert not Case.objects.exists()


@pytest.mark.parametrize("field", ["decision_date", "consent_date"])
def test_the_api_refuses_a_decision_or_consent_date_decades_ago(client, keys, field):
    response = post_referral(client, keys["police"], civil_referral(**{field: "1950-01-01"}))
    assert response.status_code == 422
    assert {f["field"]: f["code"] for f in response.json()["error"]["fields"]} == {field: "date_too_early"}
    assert not Case.objects.exists()


def test_the_api_service_checks_the_consent_date_itself(june):
    from mekle.referrals.services.api_referrals import ReferralRequest, _content_problems

    request = ReferralRequest(
        office_code="OSL",
        case_type=CaseType.CIVIL,
        referrer_reference="",
        decision_date=None,
        description="",
        parties=[adult("Ola")],
        consent_date=dt.date(1, 1, 1),
    )
    assert [(p.field, p.code) for p in _content_problems(request, ReferrerKind.PARTY)] == [
        ("consent_date", "date_too_early")
    ]


def test_consent_decades_ago_is_refused_by_the_form_and_the_service(june, norwegian, case, alice, ola):
    form = ConsentForm({"given_on": "1950-01-01", "method": "phone", "information_given": "Brosjyre."})
    assert form.errors == {"given_on": ["Datoen kan ikke være før 1. juni 2016."]}
    assert form.fields["given_on"].widget.attrs["min"] == "2016-06-01"
    events = CaseEvent.objects.count()
    with pytest.raises(Refusal) as refused:
        party_services.record_consent(
            actor=alice,
            participant=Participant(ola),
            given_on=dt.date(1950, 1, 1),
            method="phone",
            information_given="Brosjyre.",
        )
    assert refused.value.reasons == ["Datoen kan ikke være før 1. juni 2016."]
    assert not Consent.objects.exists()
    assert CaseEvent.objects.count() == events


def test_a_talk_before_the_case_came_in_is_refused_by_the_form_and_the_service(june, norwegian, case, alice, ola):
    before = (case.received_on - dt.timedelta(days=1)).isoformat()
    form = PreparationTalkForm({"held_on": before, "form": "phone"}, case=case)
    assert form.errors == {"held_on": ["Samtalen kan ikke være før saken kom inn (1. juni 2026)."]}
    attrs = form.fields["held_on"].widget.attrs
    assert (attrs["min"], attrs["max"]) == ("2026-06-01", "2026-06-01")
    with pytest.raises(Refusal) as refused:
        party_services.record_preparation(
            actor=alice, party=ola, held_on=case.received_on - dt.timedelta(days=1), form="phone"
        )
    assert refused.value.reasons == ["Samtalen kan ikke være før saken kom inn (1. juni 2026)."]
    assert not Preparation.objects.exists()
    tomorrow = PreparationTalkForm({"held_on": "2026-06-02", "form": "phone"}, case=case)
    assert tomorrow.errors == {"held_on": ["Samtalen kan ikke registreres før den er holdt."]}

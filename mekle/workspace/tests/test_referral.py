"""Registering a referral through the form: success, every refusal, and room for more parties."""

import pytest
from django.urls import reverse
from django.utils import timezone

from mekle.cases.models import Case, CaseEvent

URL = reverse("workspace:referral_new")


def party(i, **overrides):
    values = {
        f"party-{i}-full_name": f"Person {i}",
        f"party-{i}-role": "victim" if i == 0 else "offender",
        f"party-{i}-phone": "40000000",
        f"party-{i}-preferred_language": "nb",
    }
    return values | {f"party-{i}-{k}": v for k, v in overrides.items()}


def referral(**overrides):
    data = {
        "case_type": "civil",
        "referrer_kind": "party",
        "received_on": timezone.localdate().isoformat(),
        "description": "Krangel om parkering i borettslaget.",
        "party-TOTAL_FORMS": "2",
        "party-INITIAL_FORMS": "0",
        "party-MIN_NUM_FORMS": "1",
        "party-MAX_NUM_FORMS": "10",
        **party(0),
        **party(1),
    }
    return data | overrides


@pytest.fixture
def signed_in(client, alice):
    client.force_login(alice)
    return client


def test_a_caseworker_registers_a_referral_with_two_parties(signed_in, alice):
    response = signed_in.post(URL, referral())
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:case_page", args=[case.reference])
    assert (case.office, case.created_by, case.status) == (alice.office, alice, "received")
    assert sorted(case.parties.values_list("full_name", flat=True)) == ["Person 0", "Person 1"]


def test_an_empty_second_party_is_ignored(signed_in):
    data = referral(**{k: "" for k in party(1)})
    data["party-1-preferred_language"] = "nb"
    data["party-1-role"] = "offender"
    signed_in.post(URL, data)
    assert Case.objects.get().parties.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"case_type": "criminal_mediation", "referrer_kind": "school"}, "referrer_kind"),
        (
            {
                "case_type": "youth_sentence",
                "referrer_kind": "police",
                "referrer_reference": "X",
                "referrer_decision_date": "2026-01-01",
            },
            "referrer_kind",
        ),
        ({"referrer_kind": "police"}, "referrer_reference"),
        ({"received_on": "2999-01-01"}, "received_on"),
        ({"received_on": "not a date"}, "received_on"),
        ({"description": ""}, "description"),
    ],
)
def test_bad_case_input_is_refused_with_a_message_and_changes_nothing(signed_in, overrides, field):
    response = signed_in.post(URL, referral(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Case.objects.exists()
    assert not CaseEvent.objects.exists()


def test_a_minor_without_a_guardian_is_refused(signed_in):
    fifteen = timezone.localdate().replace(year=timezone.localdate().year - 15).isoformat()
    response = signed_in.post(URL, referral(**party(1, date_of_birth=fifteen)))
    assert response.status_code == 400
    assert "guardian_name" in response.context["parties"].forms[1].errors
    assert not Case.objects.exists()


def test_a_minor_with_a_guardian_is_registered_with_the_guardian(signed_in):
    fifteen = timezone.localdate().replace(year=timezone.localdate().year - 15).isoformat()
    signed_in.post(
        URL, referral(**party(1, date_of_birth=fifteen, guardian_name="Hanne Olsen", guardian_relation="mor"))
    )
    minor = Case.objects.get().parties.get(full_name="Person 1")
    assert [g.full_name for g in minor.guardians.all()] == ["Hanne Olsen"]


def test_a_party_nobody_can_reach_is_refused(signed_in):
    response = signed_in.post(URL, referral(**party(0, phone="")))
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_no_parties_at_all_is_refused(signed_in):
    data = referral(**{k: "" for k in {**party(0), **party(1)}})
    response = signed_in.post(URL, data)
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_add_another_party_keeps_what_was_typed_and_shows_no_errors(signed_in):
    response = signed_in.post(URL, referral(description="", add_party="1"))
    assert response.status_code == 200
    assert len(response.context["parties"].forms) == 3
    assert response.context["parties"].forms[0].initial["full_name"] == "Person 0"
    assert not response.context["form"].is_bound
    assert not Case.objects.exists()


def test_mediators_cannot_register_referrals(client, mia):
    client.force_login(mia)
    assert client.get(URL).status_code == 403
    assert client.post(URL, referral()).status_code == 403
    assert not Case.objects.exists()


def test_the_form_as_rendered_accepts_one_party_and_leaves_the_second_empty(signed_in):
    form_page = signed_in.get(URL)
    management = form_page.context["parties"].management_form
    data = referral(**{k: "" for k in party(1)})
    data |= {f"party-{k}": v for k, v in management.initial.items()}
    data |= {"party-1-role": "offender", "party-1-preferred_language": "nb"}
    assert signed_in.post(URL, data).status_code == 302
    assert Case.objects.get().parties.count() == 1

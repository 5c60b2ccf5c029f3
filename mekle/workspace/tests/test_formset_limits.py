"""A row count the browser sends back cannot cost a 500 or a thousand forms: the agreement's
commitments and the referral's parties have a maximum, and a broken count says so in Norwegian."""

import time

import pytest

from mekle.agreements import services
from mekle.agreements.models import Commitment
from mekle.cases.models import Case
from mekle.testing.agreements import hold_meeting_with_agreement

from .test_agreement_pages import draft_data, row, url
from .test_referral import URL, referral

INCOMPLETE = "Skjemaet kom ikke fram helt. Se over radene nedenfor, og send det igjen."


@pytest.fixture
def drafting(client, case, alice, mia):
    hold_meeting_with_agreement(alice, mia, case)
    services.start_agreement(actor=mia, case=case)
    client.force_login(mia)
    return case


@pytest.mark.parametrize("total", ["abc", "", "-1", "1e3", "٣", "99999999999999999999"])
def test_a_garbage_commitment_count_with_more_rows_is_answered_with_the_rows_sent(client, drafting, kari, total):
    data = draft_data(drafting, [row(kari)], more_rows="1")
    data["commitments-TOTAL_FORMS"] = total
    response = client.post(url("agreement_edit", drafting, 1), data)
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 2  # the one sent, and one more
    assert "Skriv avtalen, versjon 1" in response.content.decode()  # the page, not an error
    assert response.context["formset"].forms[0]["description"].value() == "Sier unnskyld."
    assert not Commitment.objects.exists()


@pytest.mark.parametrize("total", ["abc", None, "-3"])
def test_saving_with_a_garbage_commitment_count_saves_nothing_and_says_why(client, drafting, kari, total):
    data = draft_data(drafting, [row(kari)])
    if total is None:
        del data["commitments-TOTAL_FORMS"]
    else:
        data["commitments-TOTAL_FORMS"] = total
    response = client.post(url("agreement_edit", drafting, 1), data)
    assert response.status_code == 400
    assert INCOMPLETE in response.content.decode()
    assert 'name="commitments-TOTAL_FORMS" value="1"' in response.content.decode()  # the next send is whole
    assert not Commitment.objects.exists()


def test_a_huge_commitment_count_builds_at_most_fifty_rows_and_saves_nothing(client, drafting, kari):
    data = draft_data(drafting, [row(kari)], total=99999999)
    started = time.process_time()
    response = client.post(url("agreement_edit", drafting, 1), data)
    assert time.process_time() - started < 2
    assert response.status_code == 400
    assert "En avtale kan ha høyst 50 forpliktelser." in response.content.decode()
    assert len(response.context["formset"].forms) == 1  # the rows sent, not the count claimed
    assert not Commitment.objects.exists()


def test_more_rows_stop_at_fifty_and_say_so(client, drafting, kari):
    data = draft_data(drafting, [row(kari)] + [{}] * 49, more_rows="1")
    response = client.post(url("agreement_edit", drafting, 1), data)
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 50
    assert "En avtale kan ha høyst 50 forpliktelser." in response.content.decode()


def test_fifty_one_commitments_are_refused(client, drafting, kari):
    response = client.post(url("agreement_edit", drafting, 1), draft_data(drafting, [row(kari)] * 51))
    assert response.status_code == 400
    assert "En avtale kan ha høyst 50 forpliktelser." in response.content.decode()
    assert not Commitment.objects.exists()


def test_a_huge_party_count_builds_at_most_ten_forms_and_registers_nothing(client, alice):
    client.force_login(alice)
    started = time.process_time()
    response = client.post(URL, referral(**{"party-TOTAL_FORMS": "99999999"}))
    assert time.process_time() - started < 2
    assert response.status_code == 400
    assert len(response.context["parties"].forms) == 2
    assert "En henvisning kan ha høyst 10 parter." in response.content.decode()
    assert len(response.content) < 300_000
    assert not Case.objects.exists()


@pytest.mark.parametrize("total", ["abc", None, "١"])
def test_a_missing_or_garbage_party_count_registers_nothing_and_says_why(client, alice, total):
    client.force_login(alice)
    data = referral()
    if total is None:
        del data["party-TOTAL_FORMS"], data["party-INITIAL_FORMS"]
    else:
        data["party-TOTAL_FORMS"] = total
    response = client.post(URL, data)
    assert response.status_code == 400
    assert INCOMPLETE in response.content.decode()
    assert len(response.context["parties"].forms) == 2  # what was typed is still there
    assert not Case.objects.exists()


def test_adding_an_eleventh_party_keeps_the_ten_and_says_why(client, alice):
    from .test_referral import party

    client.force_login(alice)
    data = referral(**{"party-TOTAL_FORMS": "10", "add_party": "1"})
    for i in range(2, 10):
        data |= party(i)
    response = client.post(URL, data)
    assert response.status_code == 200
    forms = response.context["parties"].forms
    assert [f.initial["full_name"] for f in forms] == [f"Person {i}" for i in range(10)]
    assert "En henvisning kan ha høyst 10 parter." in response.content.decode()

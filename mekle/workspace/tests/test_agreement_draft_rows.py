"""Writing the draft: a commitment added or removed without losing what was typed, a proper
"Remove" button instead of a bare checkbox, and amounts only for a payment."""

import re

import pytest

from mekle.agreements import services
from mekle.agreements.models import AgreementVersion
from mekle.testing.agreements import hold_meeting_with_agreement

from .test_agreement_pages import draft_data, row, url


@pytest.fixture
def drafting(client, case, alice, mia):
    hold_meeting_with_agreement(alice, mia, case)
    services.start_agreement(actor=mia, case=case)
    client.force_login(mia)
    return case


def test_adding_a_commitment_keeps_everything_typed_and_adds_one_row(client, drafting, kari):
    data = draft_data(drafting, [row(kari, description="Maler gjerdet."), row(kari, description="Sier unnskyld.")])
    data["introduction"] = "Vi snakket lenge."
    data["more_rows"] = "1"
    response = client.post(url("agreement_edit", drafting, 1), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vi snakket lenge." in html
    assert "Maler gjerdet." in html
    assert "Sier unnskyld." in html
    assert 'name="commitments-TOTAL_FORMS" value="3"' in html
    assert "data-error-summary" not in html
    assert AgreementVersion.objects.get().commitments.count() == 0


def test_there_is_a_remove_button_and_no_bare_delete_checkbox(client, drafting):
    html = client.get(url("agreement_edit", drafting, 1)).content.decode()
    assert not re.search(r'<input[^>]*type="checkbox"[^>]*DELETE', html)
    assert 'name="remove_row" value="0"' in html


def test_removing_a_row_keeps_the_others_and_saving_leaves_it_out(client, drafting, kari):
    rows = [row(kari, description="Maler gjerdet."), row(kari, description="Feil rad.")]
    response = client.post(url("agreement_edit", drafting, 1), draft_data(drafting, rows, remove_row="1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Maler gjerdet." in html
    assert 'name="commitments-1-DELETE" value="on"' in html
    assert 'name="remove_row" value="1"' not in html  # the removed row is no longer shown
    data = draft_data(drafting, rows)
    data["commitments-1-DELETE"] = "on"
    assert client.post(url("agreement_edit", drafting, 1), data).status_code == 302
    assert [c.description for c in AgreementVersion.objects.get().commitments.all()] == ["Maler gjerdet."]


def test_a_removed_row_with_errors_does_not_stop_the_save(client, drafting, kari):
    data = draft_data(drafting, [row(kari), {"description": "halv"}])
    data["commitments-1-DELETE"] = "on"
    assert client.post(url("agreement_edit", drafting, 1), data).status_code == 302


def test_amount_fields_are_marked_money_only_and_refused_for_an_apology(client, drafting, kari):
    html = client.get(url("agreement_edit", drafting, 1)).content.decode()
    assert re.search(
        r'<div data-money-only>\s*<div class="ds-field mekle-field">\s*<label[^>]*for="id_commitments-0-amount"', html
    )
    data = draft_data(drafting, [row(kari, kind="apology", amount="500")])
    response = client.post(url("agreement_edit", drafting, 1), data)
    assert response.status_code == 400
    [summary] = re.findall(r"data-error-summary.*?</div>", response.content.decode(), flags=re.S)
    assert 'href="#id_commitments-0-amount"' in summary
    assert "Forpliktelse 1, " in summary

"""The follow-up answers as one form: every commitment's answer saved in one service call, and
nothing typed lost when one answer is wrong."""

import re

import pytest
from django.urls import reverse

from mekle.agreements import services as agreement_services
from mekle.agreements.models import CommitmentCheck
from mekle.cases.lifecycle import GuardError
from mekle.testing.agreement_rows import approved_version


@pytest.fixture
def version(case, mia):
    return approved_version(case, mediator=mia)


def _answers(commitments, **values):
    data = {}
    for c in commitments:
        for key, value in values.get(str(c.position), {}).items():
            data[f"c{c.pk}-{key}"] = value
    return data


def test_the_complainant_answers_every_commitment_with_one_button(client, ola_user, version, case, monkeypatch):
    calls = []
    real = agreement_services.report_fulfilments

    def counted(**kw):
        calls.append(kw)
        return real(**kw)

    monkeypatch.setattr(agreement_services, "report_fulfilments", counted)
    client.force_login(ola_user)
    page = reverse("portal:follow_up", args=[case.reference])
    html = client.get(page).content.decode()
    assert html.count('<form method="post" class="mekle-form"') == 1
    first, second = version.commitments.order_by("position")
    data = _answers([first, second], **{"1": {"kept": "yes"}, "2": {"kept": "no", "note": "Ikke betalt"}})
    assert client.post(page, data).status_code == 302
    assert len(calls) == 1
    checks = {c.commitment_id: (c.kept, c.note) for c in CommitmentCheck.objects.all()}
    assert checks == {first.pk: (True, ""), second.pk: (False, "Ikke betalt")}


def test_a_wrong_answer_saves_nothing_and_keeps_what_was_typed(client, ola_user, version, case):
    client.force_login(ola_user)
    page = reverse("portal:follow_up", args=[case.reference])
    first, second = version.commitments.order_by("position")
    data = _answers([first, second], **{"1": {"kept": "yes", "note": "Fikk brev"}, "2": {"note": "Halvparten"}})
    response = client.post(page, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert not CommitmentCheck.objects.exists()
    assert "Fikk brev" in html
    assert "Halvparten" in html
    [summary] = re.findall(r"data-error-summary.*?</div>", html, flags=re.S)
    assert f'href="#id_c{second.pk}-kept_0"' in summary


def test_nothing_answered_is_refused_in_words(client, ola_user, version, case):
    client.force_login(ola_user)
    response = client.post(reverse("portal:follow_up", args=[case.reference]), {})
    assert response.status_code == 400
    assert "data-error-summary" in response.content.decode()
    assert not CommitmentCheck.objects.exists()


def test_staff_save_every_answer_in_one_call(client, alice, version, case, monkeypatch):
    calls = []
    real = agreement_services.check_commitments

    def counted(**kw):
        calls.append(kw)
        return real(**kw)

    monkeypatch.setattr(agreement_services, "check_commitments", counted)
    client.force_login(alice)
    page = reverse("workspace:follow_up", args=[case.reference])
    html = client.get(page).content.decode()
    assert html.count(f'action="{page}"') == 1
    first, second = version.commitments.order_by("position")
    data = _answers([first, second], **{"1": {"kept": "yes"}, "2": {"kept": "no", "note": "Ikke ennå"}})
    assert client.post(page, data).status_code == 302
    assert len(calls) == 1
    assert CommitmentCheck.objects.count() == 2


def test_the_service_refuses_a_commitment_of_another_case(alice, mia, version, case, other_case):
    other = approved_version(other_case, mediator=mia).commitments.get(position=1)
    with pytest.raises(GuardError):
        agreement_services.check_commitments(
            actor=alice, case=case, answers=[agreement_services.Answer(commitment=other, kept=True)]
        )
    assert not CommitmentCheck.objects.exists()

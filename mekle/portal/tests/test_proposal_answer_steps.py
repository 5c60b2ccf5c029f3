"""A proposal's answer, one form at a time: choose accept, decline or counter first, then only that
form is shown (without JavaScript through the choice's GET; forms.js shows it in place)."""

import re

import pytest
from django.urls import reverse

from mekle.dialogue import services
from mekle.parties.participants import Participant
from mekle.testing.tone import tone  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("tone", "contact_open")


@pytest.fixture
def proposal(ola, kari):
    return services.make_proposal(
        actor=None, participant=Participant(ola), recipient=kari, kind="arrangement", text="Jeg henter på fredager."
    )


def _shown(html):
    sections = re.findall(r'<section class="mekle-section"[^>]*id="answer-(\w+)"([^>]*)>', html)
    return sorted(name for name, rest in sections if "hidden" not in rest)


def _page(case, proposal):
    return reverse("portal:proposal", args=[case.reference, proposal.pk])


def test_first_the_choice_and_no_answer_form(client, case, kari_user, proposal):
    client.force_login(kari_user)
    html = client.get(_page(case, proposal)).content.decode()
    assert 'name="answer" id="answer_0" value="accept"' in html
    assert _shown(html) == []


@pytest.mark.parametrize("answer", ["accept", "decline", "counter"])
def test_then_only_the_chosen_form(client, case, kari_user, proposal, answer):
    client.force_login(kari_user)
    html = client.get(_page(case, proposal), {"answer": answer}).content.decode()
    assert _shown(html) == [answer]
    assert re.search(rf'value="{answer}" data-target="answer-{answer}" checked', html)


def test_a_counter_proposal_sent_back_shows_only_that_form_with_its_errors(client, case, kari_user, proposal):
    client.force_login(kari_user)
    url = reverse("portal:answer_proposal", args=[case.reference, proposal.pk])
    response = client.post(url, {"answer": "counter", "text": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert _shown(html) == ["counter"]
    assert html.count("data-error-summary") == 1


def test_a_made_up_choice_shows_no_form(client, case, kari_user, proposal):
    client.force_login(kari_user)
    assert _shown(client.get(_page(case, proposal), {"answer": "<x>"}).content.decode()) == []

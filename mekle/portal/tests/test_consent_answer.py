"""The consent page asks one question, yes or no. "No" is a withdrawal before taking part: the case
closes, it is on the timeline, the case's staff are told, and the person reads what happens now."""

import pytest
from django.urls import reverse

from mekle.cases.models import Status
from mekle.notices.models import NoticeKind, StaffNotice
from mekle.parties.models import Consent, Withdrawal


def url(name, case):
    return reverse(f"portal:{name}", args=[case.reference])


@pytest.fixture
def as_ola(client, ola_user):
    client.force_login(ola_user)
    return client


def test_the_page_asks_yes_or_no_in_one_fieldset_without_an_extra_checkbox(as_ola, case):
    html = as_ola.get(url("consent", case)).content.decode()
    assert '<legend class="ds-label">Vil du være med på mekling?' in html
    assert 'type="radio" name="answer" value="yes"' in html
    assert 'type="radio" name="answer" value="no"' in html
    assert "Nei, jeg vil ikke være med." in html
    assert "has_read" not in html
    assert 'type="checkbox"' not in html
    assert "Hvis du svarer nei, blir saken avsluttet for alle i den" in html  # said before the choice, with it


def test_yes_records_the_consent(as_ola, case, ola):
    response = as_ola.post(url("consent", case), {"answer": "yes"})
    assert response["Location"] == url("case", case)
    assert Consent.objects.get(party=ola).method == "digital"
    assert not Withdrawal.objects.exists()


def test_no_closes_the_case_on_the_timeline_and_tells_the_caseworker(as_ola, case, ola, alice, mia):
    response = as_ola.post(url("consent", case), {"answer": "no"})
    assert response["Location"] == url("declined", case)
    case.refresh_from_db()
    assert case.status == Status.WITHDRAWN
    assert not Consent.objects.filter(party=ola).exists()
    assert Withdrawal.objects.get(party=ola).recorded_by == ola.user
    kinds = list(case.events.order_by("sequence").values_list("kind", flat=True))[-2:]
    assert kinds == ["consent_withdrawn", "status_changed"]
    event = case.events.get(kind="consent_withdrawn")
    assert event.actor == ola.user
    told = set(StaffNotice.objects.filter(case=case, kind=NoticeKind.WITHDRAWN).values_list("user", flat=True))
    assert alice.pk in told  # the caseworker
    assert mia.pk in told  # and the mediator of the case


def test_the_receipt_of_a_no_says_what_happens_now(as_ola, case):
    as_ola.post(url("consent", case), {"answer": "no"})
    page = as_ola.get(url("declined", case)).content.decode()
    assert "Svaret ditt er registrert: du vil ikke være med. Saken er avsluttet." in page
    assert "Hva skjer nå" in page
    assert "Konfliktrådet i Oslo" in page  # whom to contact if they change their mind


def test_the_receipt_page_of_an_open_case_goes_back_to_the_case(as_ola, case):
    assert as_ola.get(url("declined", case))["Location"] == url("case", case)


def test_the_other_party_sees_only_that_the_mediation_ended(client, case, ola_user, kari_user):
    client.force_login(ola_user)
    client.post(url("consent", case), {"answer": "no"})
    client.force_login(kari_user)
    page = client.get(url("declined", case)).content.decode()
    assert "Svaret ditt er registrert" not in page
    assert "Ola" not in page


def test_no_after_yes_is_a_withdrawal_of_the_consent(as_ola, case, ola):
    as_ola.post(url("consent", case), {"answer": "yes"})
    as_ola.post(url("consent", case), {"answer": "no"})
    case.refresh_from_db()
    assert case.status == Status.WITHDRAWN
    assert Consent.objects.get(party=ola).withdrawn_at is not None


def test_no_on_a_closed_case_records_nothing(as_ola, case, ola):
    as_ola.post(url("consent", case), {"answer": "no"})
    before = case.events.count()
    response = as_ola.post(url("consent", case), {"answer": "no"})
    assert response.status_code == 200  # the closed page
    assert case.events.count() == before
    assert Withdrawal.objects.filter(party=ola).count() == 1

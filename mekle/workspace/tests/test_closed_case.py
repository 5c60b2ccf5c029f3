"""A withdrawal seen from the workspace: the meeting is cancelled for everyone, staff get a notice on
their start page (only they), the referrer's report is there to download, and a closed case offers
no form that would fail."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from mekle.agreements import services as agreement_services
from mekle.agreements.models import DocumentKind
from mekle.cases.models import Case
from mekle.mediators import services as mediator_services
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.testing.agreements import draft, hold_meeting_with_agreement
from mekle.testing.cast import make_ready

HOME = reverse("workspace:home")


def case_url(name, case, *args):
    return reverse(f"workspace:{name}", args=[case.reference, *args])


@pytest.fixture
def withdrawn(case, alice, kari, kari_user, django_capture_on_commit_callbacks):
    """Kari withdraws in the portal after the meeting was scheduled; the police referred the case."""
    Case.objects.filter(pk=case.pk).update(referrer_kind="police", referrer_reference="POL-9")
    case.refresh_from_db()
    make_ready(alice, case)
    mediator_services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=3),
        location="Møterom 2",
    )
    with django_capture_on_commit_callbacks(execute=True):
        party_services.withdraw_consent(actor=kari_user, participant=Participant(kari))
    case.refresh_from_db()
    return case


def test_the_case_page_no_longer_says_the_meeting_is_scheduled(client, withdrawn, alice):
    client.force_login(alice)
    response = client.get(case_url("case_page", withdrawn))
    assert [row["scheduled"] for row in response.context["meetings"]] == [False]
    page = response.content.decode()
    assert "Avlyst" in page
    assert "Avtalt" not in page


def test_the_mediators_next_meetings_no_longer_list_it(client, withdrawn, mia):
    client.force_login(mia)
    response = client.get(HOME)
    assert list(response.context["next_meetings"]) == []
    assert "Møterom 2" not in response.content.decode()


@pytest.mark.parametrize("name", ["alice", "mia"])
def test_the_case_staff_see_a_notice_on_their_start_page(client, withdrawn, name, request):
    client.force_login(request.getfixturevalue(name))
    response = client.get(HOME)
    assert [(n.kind, n.case) for n in response.context["notices"]] == [("withdrawn", withdrawn)]
    page = response.content.decode()
    assert "En part trakk seg" in page
    assert case_url("case_page", withdrawn) in page


@pytest.mark.parametrize("name", ["bob", "mats"])
def test_other_staff_see_no_notice(client, withdrawn, name, request):
    client.force_login(request.getfixturevalue(name))
    assert client.get(HOME).context["notices"] == []


def test_a_withdrawal_staff_record_tells_everyone_but_them(alice, mia, case):
    party_services.withdraw_consent(actor=alice, participant=Participant(case.parties.first()))
    assert [n.user for n in mia.staff_notices.all()] == [mia]
    assert not alice.staff_notices.exists()


def test_the_referrers_report_says_withdrawn_and_can_be_downloaded(client, withdrawn, alice):
    event = withdrawn.events.get(kind="outcome_reported")
    assert (event.payload["outcome"], event.payload["stage"]) == ("withdrawn", "meeting_scheduled")
    client.force_login(alice)
    response = client.get(case_url("case_page", withdrawn))
    (report,) = response.context["documents_panel"].documents
    assert report.kind == DocumentKind.OUTCOME_REPORT
    download = client.get(case_url("agreement_document", withdrawn, report.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download).startswith(b"%PDF")


@pytest.mark.parametrize("name", ["record_consent", "record_preparation", "record_withdrawal"])
def test_no_party_form_of_the_closed_case_can_be_submitted(client, withdrawn, alice, ola, name):
    client.force_login(alice)
    url = case_url(name, withdrawn, ola.pk)
    page = client.get(url)
    assert page.status_code == 200
    assert "Saken er avsluttet" in page.content.decode()
    assert 'class="mekle-form"' not in page.content.decode()
    events = withdrawn.events.count()
    data = {"given_on": "2026-01-01", "method": "phone", "information_given": "x", "held_on": "2026-01-01"}
    response = client.post(url, {**data, "form": "phone", "confirm": "on"})
    assert response.status_code == 200
    assert withdrawn.events.count() == events


def test_no_paper_signature_can_be_recorded_on_a_closed_case(client, case, alice, mia, ola):
    hold_meeting_with_agreement(alice, mia, case)
    version = agreement_services.send_for_signing(actor=mia, version=draft(mia, case))
    party_services.withdraw_consent(actor=alice, participant=Participant(ola))
    client.force_login(mia)
    url = case_url("agreement_record_signature", case, version.number)
    page = client.get(url).content.decode()
    assert "Saken er avsluttet" in page
    assert 'class="mekle-form"' not in page
    events = case.events.count()
    response = client.post(url, {"signer": f"{ola.pk}-0", "signed_on": "2026-01-01", "confirm": "on"})
    assert response.status_code == 200
    assert case.events.count() == events
    assert (
        "Registrer en signatur" not in client.get(case_url("agreement_version", case, version.number)).content.decode()
    )

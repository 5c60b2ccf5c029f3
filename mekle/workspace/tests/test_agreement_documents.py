"""Staff download the agreement and the outcome report; the follow-up page records answers."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from mekle.access.models import AccessLogEntry
from mekle.agreements import documents
from mekle.agreements import services as agreement_services
from mekle.agreements.models import DocumentKind
from mekle.testing.agreement_rows import approved_version


@pytest.fixture
def version(case, mia):
    return approved_version(case, mediator=mia)


@pytest.fixture
def report(minor_case, mia):
    version = approved_version(minor_case, mediator=mia)
    pdf = documents.render_outcome_report(version, documents.Outcome.APPROVED)
    return agreement_services.store_document(version=version, kind=DocumentKind.OUTCOME_REPORT, language="nb", pdf=pdf)


def url(document):
    return reverse("workspace:agreement_document", args=[document.case.reference, document.pk])


def test_a_caseworker_downloads_the_agreement_and_the_read_is_logged(client, alice, version):
    (document,) = agreement_services.create_agreement_documents(version)
    client.force_login(alice)
    response = client.get(url(document))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(user=alice, what="agreement_document").exists()


def test_the_outcome_report_is_listed_for_staff_with_a_note_on_delivery(client, alice, report):
    client.force_login(alice)
    assert client.get(url(report)).status_code == 200
    page = client.get(reverse("workspace:follow_up", args=[report.case.reference]))
    assert url(report) in page.content.decode()
    assert page.status_code == 200
    assert "Resultatmeldinger sendes ennå ikke" in page.content.decode()


def test_staff_of_another_office_get_404(client, bob, version):
    (document,) = agreement_services.create_agreement_documents(version)
    client.force_login(bob)
    assert client.get(url(document)).status_code == 404


def test_the_caseworker_answers_and_concludes_on_the_page(client, alice, version, case):
    client.force_login(alice)
    page = reverse("workspace:follow_up", args=[case.reference])
    for commitment in version.commitments.all():
        response = client.post(
            reverse("workspace:check_commitment", args=[case.reference, commitment.pk]),
            {f"c{commitment.pk}-kept": "yes"},
        )
        assert response.status_code == 302
    assert client.get(page).status_code == 200
    moment = timezone.make_aware(dt.datetime.combine(version.fulfilment_date, dt.time(12)))
    with time_machine.travel(moment):
        client.force_login(alice)  # the session from a month ago has expired
        response = client.post(reverse("workspace:conclude_by_answers", args=[case.reference]), {"choice": "fulfilled"})
    assert response.status_code == 302
    assert response.url == reverse("workspace:case_page", args=[case.reference])
    case.refresh_from_db()
    assert case.status == "fulfilled"


def test_a_mediator_sees_the_page_but_cannot_answer(client, mia, version, case):
    client.force_login(mia)
    assert client.get(reverse("workspace:follow_up", args=[case.reference])).status_code == 200
    commitment = version.commitments.first()
    response = client.post(
        reverse("workspace:check_commitment", args=[case.reference, commitment.pk]), {f"c{commitment.pk}-kept": "yes"}
    )
    assert response.status_code == 403

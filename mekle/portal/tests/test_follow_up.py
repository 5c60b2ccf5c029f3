"""A party downloads their own agreement; the complainant says whether promises were kept."""

import pytest
from django.urls import reverse

from mekle.agreements import documents
from mekle.agreements import services as agreement_services
from mekle.agreements.models import CommitmentCheck, DocumentKind
from mekle.testing.agreement_rows import approved_version
from mekle.testing.cast import portal_user_of


@pytest.fixture
def version(case, mia):
    return approved_version(case, mediator=mia)


@pytest.fixture
def agreement_pdf(version):
    (document,) = agreement_services.create_agreement_documents(version)
    return document


def download_url(document):
    return reverse("portal:agreement_document", args=[document.case.reference, document.pk])


def test_a_party_downloads_their_own_agreement(client, kari_user, agreement_pdf):
    client.force_login(kari_user)
    response = client.get(download_url(agreement_pdf))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_a_party_of_another_case_gets_404(client, other_case, mia, agreement_pdf):
    client.force_login(portal_user_of(other_case.parties.first()))
    assert client.get(download_url(agreement_pdf)).status_code == 404
    other_version = approved_version(other_case, mediator=mia)
    (own,) = agreement_services.create_agreement_documents(other_version)
    # Their own document id under the other case's reference is no way in either.
    wrong = reverse("portal:agreement_document", args=[agreement_pdf.case.reference, own.pk])
    assert client.get(wrong).status_code == 404


def test_a_party_cannot_get_the_outcome_report(client, ola_user, version):
    pdf = documents.render_outcome_report(version, documents.Outcome.APPROVED)
    report = agreement_services.store_document(
        version=version, kind=DocumentKind.OUTCOME_REPORT, language="nb", pdf=pdf
    )
    client.force_login(ola_user)
    assert client.get(download_url(report)).status_code == 404


def test_the_complainant_answers_for_a_promise_made_to_them(client, ola_user, version, case):
    client.force_login(ola_user)
    page = reverse("portal:follow_up", args=[case.reference])
    assert client.get(page).status_code == 200
    commitment = version.commitments.first()
    response = client.post(
        page, {"commitment": commitment.pk, f"c{commitment.pk}-kept": "no", f"c{commitment.pk}-note": "Ikke ennå"}
    )
    assert response.status_code == 302
    check = CommitmentCheck.objects.get(commitment=commitment)
    assert (check.kept, check.note) == (False, "Ikke ennå")


def test_the_other_party_has_nothing_to_answer(client, kari_user, version, case):
    client.force_login(kari_user)
    page = reverse("portal:follow_up", args=[case.reference])
    commitment = version.commitments.first()
    assert client.post(page, {"commitment": commitment.pk, f"c{commitment.pk}-kept": "yes"}).status_code == 404
    assert not CommitmentCheck.objects.exists()

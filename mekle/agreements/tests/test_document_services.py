"""Rendered documents stored with their SHA-256, in each language the parties read."""

import hashlib

import pytest

from mekle.agreements import documents
from mekle.agreements import services as agreement_services
from mekle.agreements.models import DocumentKind
from mekle.testing.agreement_rows import approved_version


@pytest.fixture
def version(case, mia):
    return approved_version(case, mediator=mia)


def test_a_stored_document_keeps_its_sha256(version):
    pdf = documents.render_agreement(version, "en")
    document = agreement_services.store_document(version=version, kind=DocumentKind.AGREEMENT, language="en", pdf=pdf)
    with document.file.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == document.sha256 == hashlib.sha256(pdf).hexdigest()


def test_documents_are_made_in_each_language_the_parties_read_and_other_means_bokmal(version, case):
    case.parties.filter(role="victim").update(preferred_language="en")
    case.parties.filter(role="offender").update(preferred_language="other")
    made = agreement_services.create_agreement_documents(version)
    assert sorted(d.language for d in made) == ["en", "nb"]
    assert agreement_services.create_agreement_documents(version) == []

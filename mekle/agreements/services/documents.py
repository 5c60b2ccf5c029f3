"""Storing the documents rendered from a case (`agreements.documents`) under MEDIA_ROOT as `Document`
rows with their SHA-256."""

import hashlib

from django.core.files.base import ContentFile

from mekle.cases.models import Case
from mekle.lib import clock

from .. import documents
from ..models import AgreementVersion, Document, DocumentKind
from ..selectors import languages_for


def store_case_document(*, case: Case, kind: str, language: str, pdf: bytes, name: str) -> Document:
    """Save `pdf` under MEDIA_ROOT as a Document of `case` that belongs to no agreement version."""
    document = Document(
        case=case, kind=kind, language=language, sha256=hashlib.sha256(pdf).hexdigest(), created_at=clock.now()
    )
    document.file.save(f"{case.reference}-{name}-{language}.pdf", ContentFile(pdf), save=False)
    document.save()
    return document


def store_document(*, version: AgreementVersion, kind: str, language: str, pdf: bytes) -> Document:
    """Save `pdf` under MEDIA_ROOT as a Document of the version's case, with its SHA-256."""
    case = version.agreement.case
    document = Document(
        case=case,
        version=version,
        kind=kind,
        language=language,
        sha256=hashlib.sha256(pdf).hexdigest(),
        created_at=clock.now(),
    )
    document.file.save(f"{case.reference}-{kind}-v{version.number}-{language}.pdf", ContentFile(pdf), save=False)
    document.save()
    return document


def create_agreement_documents(version: AgreementVersion) -> list[Document]:
    """The signed agreement in each language the parties need; languages already rendered are kept."""
    done = set(Document.objects.filter(version=version, kind=DocumentKind.AGREEMENT).values_list("language", flat=True))
    return [
        store_document(
            version=version,
            kind=DocumentKind.AGREEMENT,
            language=language,
            pdf=documents.render_agreement(version, language),
        )
        for language in languages_for(version)
        if language not in done
    ]

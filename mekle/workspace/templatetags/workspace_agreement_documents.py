"""The agreement documents a member of staff may download, for `workspace/_agreement_documents.html`."""

from typing import Any

from django import template

from mekle.agreements import documents
from mekle.agreements.models import Document, DocumentKind

register = template.Library()


@register.simple_tag
def staff_agreement_documents(case: Any) -> list[Document]:
    return documents.documents_of(case, kinds=documents.STAFF_KINDS)


@register.filter
def has_outcome_report(found: list[Document]) -> bool:
    return any(document.kind == DocumentKind.OUTCOME_REPORT for document in found)

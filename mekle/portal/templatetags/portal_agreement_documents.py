"""The agreement documents a party may download, for `portal/_agreement_documents.html`."""

from typing import Any

from django import template

from mekle.agreements import documents
from mekle.agreements.models import Document

register = template.Library()


@register.simple_tag
def party_agreement_documents(case: Any) -> list[Document]:
    return documents.documents_of(case, kinds=documents.PARTY_KINDS)

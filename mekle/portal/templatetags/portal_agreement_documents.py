"""The agreement documents a party may download, for `portal/_agreement_documents.html`."""

from typing import Any

from django import template

from mekle.agreements import selectors as agreement_selectors
from mekle.agreements.models import Document

register = template.Library()


@register.simple_tag
def party_agreement_documents(case: Any) -> list[Document]:
    return agreement_selectors.documents_of(case, kinds=agreement_selectors.PARTY_KINDS)

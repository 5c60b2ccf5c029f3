"""Downloading an agreement's documents: the signed agreement and the outcome report (staff only)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from mekle.access import rules
from mekle.access.decorators import logs_access
from mekle.access.lookups import get_case_for
from mekle.agreements import selectors as agreement_selectors

from .common import require, workspace_view


@require_GET
@workspace_view
@logs_access("agreement_document")
def download(request: HttpRequest, reference: str, document_id: int) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_view_case(request.user, case))
    document = agreement_selectors.find_document(case, document_id, kinds=agreement_selectors.STAFF_KINDS)
    if document is None:
        raise Http404("No such document")
    content, name = agreement_selectors.stored_pdf(document)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

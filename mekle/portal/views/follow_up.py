"""The complainant's follow-up page (req. 24) and a party's download of the signed agreement."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from mekle.access.decorators import logs_access
from mekle.access.lookups import get_own_participant_for
from mekle.agreements import selectors as agreement_selectors
from mekle.agreements import services as agreement_services
from mekle.lib.forms import PageForm
from mekle.parties.participants import Participant

from .. import presenters
from ..forms.follow_up import FulfilmentForm
from .common import portal_view, run_service, stepped_up


def _answer_forms(commitments: list[Any], data: Any = None) -> list[tuple[Any, FulfilmentForm]]:
    """One form for every commitment, sent together: a commitment may be left unanswered."""
    return [
        (c, FulfilmentForm(data, prefix=f"c{c.pk}", optional=True, summary_prefix=c.get_kind_display()))
        for c in commitments
    ]


def _page(
    request: HttpRequest, participant: Participant, forms: dict[int, Any], *, status: int = 200, whole: Any = None
) -> HttpResponse:
    version = agreement_selectors.current_approved_version(participant.case)
    commitments = agreement_selectors.commitments_for_complainant(version, participant.party) if version else []
    rows = [(c, forms.get(c.pk) or form) for c, form in _answer_forms(commitments)]
    context = {
        "nav": "portal",
        "participant": participant,
        "case": participant.case,
        "version": version,
        "rows": rows,
        "whole_form": whole,
        **presenters.closed_case(participant),
    }
    return render(request, "portal/follow_up.html", context, status=status)


@portal_view
@require_http_methods(["GET", "POST"])
@logs_access("portal_follow_up")
def follow_up_page(request: HttpRequest, reference: str) -> HttpResponse:
    participant = get_own_participant_for(request.user, reference)
    if request.method != "POST" or not participant.case.is_open:
        return _page(request, participant, {})  # a closed case answers a POST with the same page
    version = agreement_selectors.current_approved_version(participant.case)
    commitments = agreement_selectors.commitments_for_complainant(version, participant.party) if version else []
    if "commitment" not in request.POST:
        return _answer_all(request, participant, commitments)
    commitment = next((c for c in commitments if str(c.pk) == request.POST.get("commitment")), None)
    if commitment is None:
        raise Http404("No such commitment")
    form = FulfilmentForm(request.POST, prefix=f"c{commitment.pk}")
    if form.is_valid():
        answer = run_service(
            form,
            agreement_services.report_fulfilment,
            actor=request.user,
            party=participant.party,
            commitment=commitment,
            **form.cleaned_data,
        )
        if answer is not None:
            messages.success(request, _("Thank you. Your answer is saved."))
            return redirect("portal:follow_up", reference=reference)
    return _page(request, participant, {commitment.pk: form}, status=400)


def _answer_all(request: HttpRequest, participant: Participant, commitments: list[Any]) -> HttpResponse:
    """The page's one form: every answer given is saved in one go, or none is and all are shown again."""
    rows = _answer_forms(commitments, request.POST)
    forms = {c.pk: form for c, form in rows}
    whole = PageForm(request.POST)  # holds a refusal of the answers together
    if whole.is_valid() and all(form.is_valid() for _c, form in rows):
        answers = [
            agreement_services.Answer(commitment=c, kept=form.cleaned_data["kept"], note=form.cleaned_data["note"])
            for c, form in rows
            if form.answered
        ]
        saved = run_service(
            whole,
            agreement_services.report_fulfilments,
            actor=request.user,
            party=participant.party,
            answers=answers,
        )
        if saved is not None:
            messages.success(request, _("Thank you. Your answers are saved."))
            return redirect("portal:follow_up", reference=participant.case.reference)
    return _page(request, participant, forms, status=400, whole=whole)


@portal_view
@stepped_up
@require_GET
@logs_access("portal_agreement_document")
def download(request: HttpRequest, reference: str, document_id: int) -> HttpResponse:
    participant = get_own_participant_for(request.user, reference)
    document = agreement_selectors.find_document(participant.case, document_id, kinds=agreement_selectors.PARTY_KINDS)
    if document is None:
        raise Http404("No such document")
    content, name = agreement_selectors.stored_pdf(document)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

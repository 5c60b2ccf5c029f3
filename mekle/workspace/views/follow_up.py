"""The staff follow-up page: was each commitment kept, and concluding the follow-up from the answers."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mekle.access import rules
from mekle.access.decorators import logs_access
from mekle.access.lookups import get_case_for
from mekle.agreements import rules as agreement_rules
from mekle.agreements import selectors as agreement_selectors
from mekle.agreements import services as agreement_services
from mekle.agreements.rules import Conclusion
from mekle.cases.models import Case
from mekle.lib.forms import PageForm

from .. import panels
from ..follow_up_forms import CommitmentCheckForm, ConclusionForm
from .common import require, run_service, staff_user, workspace_view

CONCLUSION_LABELS = {
    Conclusion.FULFILLED: gettext_lazy("Close the case: the agreement was fulfilled"),
    Conclusion.NOT_FULFILLED: gettext_lazy("Close the case: the agreement was not fulfilled"),
    Conclusion.NEW_MEETING: gettext_lazy("Offer a new meeting (the case goes back to preparation)"),
}


def _conclusion_form(
    case: Case, answers: list[agreement_selectors.CommitmentAnswer], data: Any = None
) -> ConclusionForm:
    choices = [(c, str(CONCLUSION_LABELS[c])) for c in agreement_rules.possible_conclusions(case, answers)]
    return ConclusionForm(data, choices=choices)


def _page(request: HttpRequest, case: Case, *, status: int = 200, **forms: Any) -> HttpResponse:
    version = agreement_selectors.current_approved_version(case)
    answers = agreement_selectors.commitment_answers(version) if version is not None else []
    refusals = agreement_rules.conclusion_refusals(case, version, answers)
    rows = [(a, forms.get(f"check_{a.commitment.pk}") or form) for a, form in _check_forms(answers)]
    context = {
        "nav": "cases",
        "case": case,
        "version": version,
        "rows": rows,
        "refusals": refusals,
        "conclusion_form": forms.get("conclusion_form") or (_conclusion_form(case, answers) if not refusals else None),
        "can_manage": rules.can_manage_case(request.user, case),
        "whole_form": forms.get("whole"),
        "documents_panel": panels.staff_documents(case),
    }
    return render(request, "workspace/follow_up.html", context, status=status)


def _check_forms(answers: list[agreement_selectors.CommitmentAnswer], data: Any = None) -> list[tuple[Any, Any]]:
    """One form for every commitment, sent together: a commitment may be left unanswered."""
    return [
        (
            a,
            CommitmentCheckForm(
                data,
                prefix=f"c{a.commitment.pk}",
                optional=True,
                summary_prefix=f"{number}. {a.commitment.get_kind_display()}",
            ),
        )
        for number, a in enumerate(answers, start=1)
    ]


@workspace_view
@logs_access("follow_up")
def follow_up_page(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_work_on_case(request.user, case))
    if request.method == "POST":
        return _check_all(request, case)
    return _page(request, case)


def _check_all(request: HttpRequest, case: Case) -> HttpResponse:
    """The page's one form of answers: every answer given is saved in one go, or none is."""
    require(rules.can_manage_case(request.user, case))
    if not case.is_open:
        return _page(request, case)  # a closed case: the same page, and nothing changes
    version = agreement_selectors.current_approved_version(case)
    answers = agreement_selectors.commitment_answers(version) if version is not None else []
    rows = _check_forms(answers, request.POST)
    whole = PageForm(request.POST)
    if whole.is_valid() and all(form.is_valid() for _a, form in rows):
        given = [
            agreement_services.Answer(commitment=a.commitment, kept=f.cleaned_data["kept"], note=f.cleaned_data["note"])
            for a, f in rows
            if f.answered
        ]
        saved = run_service(
            whole, agreement_services.check_commitments, actor=staff_user(request), case=case, answers=given
        )
        if saved is not None:
            messages.success(request, _("The answers are saved."))
            return redirect("workspace:follow_up", reference=case.reference)
    forms = {f"check_{a.commitment.pk}": f for a, f in rows}
    return _page(request, case, status=400, whole=whole, **forms)


@require_POST
@workspace_view
def check_commitment(request: HttpRequest, reference: str, commitment_id: int) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_manage_case(request.user, case))
    version = agreement_selectors.current_approved_version(case)
    commitment = version.commitments.filter(pk=commitment_id).first() if version is not None else None
    if commitment is None:
        raise Http404("No such commitment")
    if not case.is_open:
        return _page(request, case)  # a closed case: the same page, and nothing changes
    form = CommitmentCheckForm(request.POST, prefix=f"c{commitment.pk}")
    if form.is_valid() and (
        run_service(
            form,
            agreement_services.check_commitment,
            actor=staff_user(request),
            commitment=commitment,
            **form.cleaned_data,
        )
        is not None
    ):
        messages.success(request, _("The answer is saved."))
        return redirect("workspace:follow_up", reference=case.reference)
    return _page(request, case, status=400, **{f"check_{commitment.pk}": form})


@require_POST
@workspace_view
def conclude(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_manage_case(request.user, case))
    version = agreement_selectors.current_approved_version(case)
    answers = agreement_selectors.commitment_answers(version) if version is not None else []
    form = _conclusion_form(case, answers, request.POST)
    if form.is_valid() and (
        run_service(form, agreement_services.conclude, actor=staff_user(request), case=case, **form.cleaned_data)
        is not None
    ):
        messages.success(request, _("The follow-up is concluded."))
        return redirect("workspace:case_page", reference=case.reference)
    return _page(request, case, status=400, conclusion_form=form)

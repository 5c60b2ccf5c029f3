"""The agreement of a case: drafting, sending for signing, versions, paper signatures and approval.

Each page fetches through `access`, validates a form, calls one service from
``agreements.services`` and goes back to the version's page; a refusal shows as a form error.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mekle.access import rules
from mekle.access.decorators import logs_access
from mekle.access.lookups import get_agreement_version_for, get_case_for
from mekle.agreements import selectors
from mekle.agreements import services as agreement_services
from mekle.agreements.models import AgreementVersion, SignatureMethod
from mekle.cases.models import Case, Status
from mekle.lib import clock
from mekle.lib.forms import add_rows, remove_row
from mekle.lib.uploads import accepts_uploads

from ..agreement_forms import (
    EXTRA_ROWS,
    MAX_COMMITMENTS,
    ApproveForm,
    CloseWithoutAgreementForm,
    CommitmentFormSet,
    DraftForm,
    PaperSignatureForm,
    RefuseApprovalForm,
    SendForSigningForm,
    commitment_dates_fit,
    commitment_inputs,
)
from .common import back_to_case, require, run_and_report, run_service, step_form, step_page, workspace_view

Allowed = Callable[[Any, Case], bool]


def _case(request: HttpRequest, reference: str, *, allowed: Allowed = rules.can_draft_agreement) -> Case:
    case = get_case_for(request.user, reference)
    require(allowed(request.user, case))
    return case


def _version(
    request: HttpRequest, reference: str, number: int, *, allowed: Allowed = rules.can_draft_agreement
) -> tuple[Case, AgreementVersion]:
    case = _case(request, reference, allowed=allowed)
    return case, get_agreement_version_for(case, number)


def _to_version(version: AgreementVersion) -> HttpResponse:
    return redirect("workspace:agreement_version", reference=version.agreement.case.reference, number=version.number)


@require_GET
@workspace_view
@logs_access("agreement")
def agreement(request: HttpRequest, reference: str) -> HttpResponse:
    """The current version, or a page to start writing the agreement."""
    case = _case(request, reference, allowed=rules.can_view_case)
    version = selectors.current_version(case)
    if version is not None:
        return _to_version(version)
    context = {
        "nav": "cases",
        "case": case,
        "can_start": case.status == Status.MEETING_HELD and rules.can_draft_agreement(request.user, case),
    }
    return render(request, "workspace/agreement_start.html", context)


@require_POST
@workspace_view
def start(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    started = run_and_report(
        request,
        agreement_services.start_agreement,
        actor=request.user,
        case=case,
        done=_("The draft agreement is started. Write it in the parties' own words."),
    )
    if started:
        return redirect("workspace:agreement_edit", reference=case.reference, number=1)
    return redirect("workspace:agreement", reference=case.reference)


@require_GET
@workspace_view
@logs_access("agreement_version")
def version_page(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    case, version = _version(request, reference, number, allowed=rules.can_view_case)
    version = selectors.version_with_everything(version)
    current = selectors.current_version(case)
    is_current = current is not None and current.pk == version.pk
    signers = selectors.required_signers(version) if version.is_frozen else []
    can_act = case.status == Status.MEETING_HELD and is_current
    context = {
        "nav": "cases",
        "case": case,
        "version": version,
        "commitments": version.commitments.all(),
        "signers": signers,
        "all_signed": bool(signers) and all(s.signed for s in signers),
        "versions": selectors.versions_of(case),
        "is_current": is_current,
        "can_draft": can_act and rules.can_draft_agreement(request.user, case),
        "can_approve": can_act and rules.can_approve_agreement(request.user, case),
    }
    return render(request, "workspace/agreement_version.html", context)


@workspace_view
def edit(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    """The draft: one form for the text and dates, and a formset of commitments."""
    case, version = _version(request, reference, number)
    if version.is_frozen:
        messages.error(request, _("This version has been sent for signing and can no longer change."))
        return _to_version(version)
    if not case.is_open:
        return _to_version(version)  # its page shows the version, and no step
    parties = {p.pk: p for p in selectors.parties_of(case, with_guardians=False)}
    choices = [(pk, p.full_name) for pk, p in parties.items()]
    form_kwargs = {"case": case, "party_choices": choices}
    if request.method != "POST":
        form = DraftForm(case=case, initial=_draft_initial(version))
        formset = CommitmentFormSet(prefix="commitments", initial=_commitment_initial(version), form_kwargs=form_kwargs)
        return _edit_page(request, case, version, form, formset)
    data = request.POST.copy()
    removed = remove_row(data, "commitments", request.POST.get("remove_row", ""))
    more_rows = "more_rows" in data or removed
    if "more_rows" in data and not add_rows(data, "commitments", count=EXTRA_ROWS, maximum=MAX_COMMITMENTS):
        messages.warning(request, _("An agreement can have at most %(num)d commitments.") % {"num": MAX_COMMITMENTS})
    form = DraftForm(data, case=case)
    formset = CommitmentFormSet(data, prefix="commitments", form_kwargs=form_kwargs)
    if more_rows:
        return _edit_page(request, case, version, form, formset, show_errors=False)
    if form.is_valid() and formset.is_valid() and commitment_dates_fit(form, formset):
        saved = run_service(
            form,
            agreement_services.update_draft,
            actor=request.user,
            version=version,
            introduction=form.cleaned_data["introduction"],
            fulfilment_date=form.cleaned_data["fulfilment_date"],
            cooling_off_days=form.cleaned_data.get("cooling_off_days", version.cooling_off_days),
            commitments=commitment_inputs(formset, parties),
        )
        if saved is not None:
            messages.success(request, _("The draft is saved."))
            return _to_version(version)
    return _edit_page(request, case, version, form, formset, status=400)


def _draft_initial(version: AgreementVersion) -> dict[str, Any]:
    return {
        "introduction": version.introduction,
        "fulfilment_date": version.fulfilment_date,
        "cooling_off_days": version.cooling_off_days,
    }


def _commitment_initial(version: AgreementVersion) -> list[dict[str, Any]]:
    return [
        {
            "kind": c.kind,
            "party": c.party_id,
            "description": c.description,
            "beneficiary": c.beneficiary_id,
            "due_on": c.due_on,
            "amount": c.amount,
            "instalments": c.instalments,
        }
        for c in version.commitments.all()
    ]


def _edit_page(
    request: HttpRequest,
    case: Case,
    version: AgreementVersion,
    form: DraftForm,
    formset: Any,
    *,
    status: int = 200,
    show_errors: bool = True,
) -> HttpResponse:
    number = 0
    rows = []
    for row in formset.forms:
        deleted = bool(row["DELETE"].value())
        number += 0 if deleted else 1
        rows.append((row, None if deleted else number))
    context = {
        "nav": "cases",
        "case": case,
        "version": version,
        "form": form,
        "formset": formset,
        "rows": rows,
        "show_errors": show_errors,
        "criminal": case.is_criminal,
    }
    return render(request, "workspace/agreement_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@workspace_view
def send(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    """Ask to confirm (the version cannot change once sent, and the signers are e-mailed), then send it."""
    case, version = _version(request, reference, number)
    if version.is_frozen:
        return _to_version(version)
    form = step_form(request, case, SendForSigningForm)
    if form.is_valid() and (
        run_service(form, agreement_services.send_for_signing, actor=request.user, version=version) is not None
    ):
        messages.success(
            request,
            _("Version %(number)s is sent for signing. It can no longer change.") % {"number": version.number},
        )
        return _to_version(version)
    return _version_step(request, case, version, form, "workspace/steps/send_for_signing.html")


@require_POST
@workspace_view
def revise(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    case, version = _version(request, reference, number)
    revised = run_and_report(
        request,
        agreement_services.revise,
        actor=request.user,
        version=version,
        done=_("Version %(number)s is started. Everyone must sign it again.") % {"number": version.number + 1},
    )
    if revised:
        return redirect("workspace:agreement_edit", reference=case.reference, number=version.number + 1)
    return _to_version(version)


def _version_step(
    request: HttpRequest, case: Case, version: AgreementVersion, form: Any, template: str, **context: Any
) -> HttpResponse:
    """A step on one version (its page extends ``agreement_step.html``), with the version's text above the form."""
    version = selectors.version_with_everything(version)
    return step_page(request, case, form, template, version=version, commitments=version.commitments.all(), **context)


@accepts_uploads(max_bytes=agreement_services.SCANNED_COPY_MAX_BYTES)
@workspace_view
def record_signature(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    """A signature given on paper, recorded by staff: who, when, and a scanned copy if there is one."""
    case, version = _version(request, reference, number)
    signers = {_signer_key(s): s for s in selectors.required_signers(version) if not s.signed}
    form = step_form(
        request,
        case,
        PaperSignatureForm,
        signer_choices=[(key, s.name) for key, s in signers.items()],
        sent_on=timezone.localdate(version.sent_at) if version.sent_at else None,
        initial={"signed_on": clock.today()},
    )
    if form.is_valid():
        signer = signers[form.cleaned_data["signer"]]
        signature = run_service(
            form,
            agreement_services.sign,
            actor=request.user,
            version=version,
            participant=signer,
            method=SignatureMethod.PAPER,
            statement=str(form.fields["confirm"].label),
            scanned_copy=form.cleaned_data["scanned_copy"],
            signed_at=form.signed_at(version.sent_at),
        )
        if signature is not None:
            messages.success(request, _("The signature of %(name)s is recorded.") % {"name": signer.name})
            return _to_version(version)
    return _version_step(request, case, version, form, "workspace/steps/record_signature.html", nobody_left=not signers)


def _signer_key(signer: selectors.Signer) -> str:
    return f"{signer.party.pk}-{signer.guardian_id or 0}"


@workspace_view
def approve(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    case, version = _version(request, reference, number, allowed=rules.can_approve_agreement)
    form = step_form(request, case, ApproveForm)
    if form.is_valid() and (
        run_service(form, agreement_services.approve, actor=request.user, version=version) is not None
    ):
        return back_to_case(request, case, _("The agreement is approved. The case is now in follow-up."))
    return _version_step(request, case, version, form, "workspace/steps/approve_agreement.html")


@workspace_view
def refuse(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    case, version = _version(request, reference, number, allowed=rules.can_approve_agreement)
    form = step_form(request, case, RefuseApprovalForm)
    if form.is_valid() and (
        run_service(form, agreement_services.refuse_approval, actor=request.user, version=version, **form.cleaned_data)
        is not None
    ):
        messages.success(request, _("Approval is refused. A new version can be written and signed."))
        return _to_version(version)
    return _version_step(request, case, version, form, "workspace/steps/refuse_approval.html")


@workspace_view
def close_without_agreement(request: HttpRequest, reference: str) -> HttpResponse:
    """Close a case whose meeting ended in agreement when no written agreement is approved after all."""
    case = get_case_for(request.user, reference)
    require(rules.can_manage_case(request.user, case))
    form = step_form(request, case, CloseWithoutAgreementForm)
    if form.is_valid() and (
        run_service(
            form, agreement_services.close_without_agreement, actor=request.user, case=case, **form.cleaned_data
        )
        is not None
    ):
        return back_to_case(request, case, _("The case is closed: no agreement."))
    return step_page(request, case, form, "workspace/steps/close_without_agreement.html")

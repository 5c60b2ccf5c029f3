"""A party's agreement: read the version sent for signing in full, and sign it for themselves."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mekle.access import rules
from mekle.access.decorators import logs_access
from mekle.access.lookups import get_own_participant_for
from mekle.agreements import selectors
from mekle.agreements import services as agreement_services
from mekle.agreements.models import SignatureMethod

from .. import presenters
from ..forms.agreement import SignForm
from .common import portal_view, run_service, stepped_up


@portal_view
@stepped_up
@require_http_methods(["GET", "POST"])
@logs_access("portal_agreement")
def agreement(request: HttpRequest, reference: str) -> HttpResponse:
    participant = get_own_participant_for(request.user, reference)
    case = participant.case
    context: dict[str, object] = {
        "nav": "portal",
        "participant": participant,
        "case": case,
        **presenters.closed_case(participant),
    }
    version = selectors.readable_version(case)
    if version is None:
        return render(request, "portal/agreement_not_ready.html", context)
    version = selectors.version_with_everything(version)
    due = (
        case.is_open
        and selectors.signature_due(version, participant)
        and rules.can_sign_agreement(request.user, version, participant)
    )
    form = SignForm(request.POST if request.method == "POST" else None)
    status = 400 if request.method == "POST" else 200
    if not case.is_open:
        status = 200  # a closed case: the same page as a GET, and nothing changes
    elif request.method == "POST" and not due:
        form.add_error(None, _("There is nothing for you to sign now."))
    elif request.method == "POST" and form.is_valid():
        signature = run_service(
            form,
            agreement_services.sign,
            actor=request.user,
            version=version,
            participant=participant,
            method=SignatureMethod.PORTAL,
            statement=str(form.fields["agrees"].label),
        )
        if signature is not None:
            messages.success(request, _("Thank you. Your signature is recorded."))
            return redirect("portal:case", reference=reference)
    own = [
        s
        for s in version.signatures.all()
        if s.party_id == participant.party.pk and s.guardian_id == participant.guardian_id
    ]
    context.update(
        version=version,
        commitments=version.commitments.all(),
        due=due,
        own_signature=own[0] if own else None,
        form=form,
    )
    return render(request, "portal/agreement.html", context, status=status)

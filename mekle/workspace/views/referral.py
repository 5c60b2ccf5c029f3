"""Registering a referral: the case and its parties in one form."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mekle.access import rules
from mekle.lib import clock
from mekle.parties import services

from ..forms import MAX_PARTIES, PartyFormSet, ReferralForm
from .common import run_service, workspace_view


@workspace_view
def referral_new(request: HttpRequest) -> HttpResponse:
    if not rules.can_register_referral(request.user):
        raise PermissionDenied
    if request.method != "POST":
        form = ReferralForm(initial={"received_on": clock.today()})
        parties = PartyFormSet(prefix="party", initial=[{"role": "victim"}, {"role": "offender"}])
        return _render(request, form, parties)

    form = ReferralForm(request.POST)
    parties = PartyFormSet(request.POST, prefix="party")
    if "add_party" in request.POST:
        # A person asked for room for one more party, not for a check: show no errors yet.
        more = [_values(p) for p in parties.forms]
        if len(more) < MAX_PARTIES:
            more.append({"role": "other"})
        else:
            messages.warning(request, _("A referral can have at most %(num)d parties.") % {"num": MAX_PARTIES})
        return _render(request, ReferralForm(initial=_values(form)), PartyFormSet(prefix="party", initial=more))
    if not (form.is_valid() and parties.is_valid()):
        return _render(request, form, parties, status=400)
    d = form.cleaned_data
    case = run_service(
        form,
        services.register_referral,
        actor=request.user,
        office=request.user.office,  # type: ignore[union-attr]  # a caseworker has an office
        case_type=d["case_type"],
        referrer_kind=d["referrer_kind"],
        referrer_name=d["referrer_name"],
        referrer_reference=d["referrer_reference"],
        referrer_decision_date=d["referrer_decision_date"],
        received_on=d["received_on"],
        description=d["description"],
        parties=[p.to_input() for p in parties.forms if p.has_changed()],
    )
    if case is None:
        return _render(request, form, parties, status=400)
    messages.success(request, _("Case %(reference)s is registered.") % {"reference": case.reference})
    return redirect("workspace:case_page", reference=case.reference)


def _values(form: Any) -> dict[str, Any]:
    """What was typed into a bound form, without validating it."""
    return {name: form[name].value() for name in form.fields}


def _render(request: HttpRequest, form: ReferralForm, parties: Any, status: int = 200) -> HttpResponse:
    context = {"nav": "referral", "form": form, "parties": parties}
    return render(request, "workspace/referral_form.html", context, status=status)

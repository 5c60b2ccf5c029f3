"""Correcting a party's or a guardian's contact details after registration."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from mekle.access import rules
from mekle.access.lookups import get_case_for, get_participant_for, get_party_for
from mekle.parties import services as party_services

from .. import forms
from .common import require, run_service, step_form, step_page, workspace_view


@require_http_methods(["GET", "POST"])
@workspace_view
def correct_contact_details(
    request: HttpRequest, reference: str, party_id: int, guardian_id: int | None = None
) -> HttpResponse:
    """The person's details as registered, to correct; a changed e-mail address stops the old links."""
    case = get_case_for(request.user, reference)
    require(rules.can_correct_contact_details(request.user, case))
    party = get_party_for(case, party_id)
    participant = get_participant_for(party, guardian_id)
    person = participant.person
    fields = party_services.contact_fields_of(participant)
    initial = {name: getattr(person, name) for name in fields}
    form = step_form(request, case, forms.ContactDetailsForm, initial=initial, guardian=participant.acts_as_guardian)
    if form.is_valid():
        correction = run_service(
            form,
            party_services.correct_contact_details,
            actor=request.user,
            participant=participant,
            details=form.details(),
            send_link=form.cleaned_data["send_link"],
        )
        if correction is not None:
            messages.success(request, _("The contact details of %(name)s are corrected.") % {"name": person.full_name})
            if correction.links_stopped:
                stopped = ngettext(
                    "%(count)d link sent before no longer works.",
                    "%(count)d links sent before no longer work.",
                    correction.links_stopped,
                )
                messages.info(request, stopped % {"count": correction.links_stopped})
            if correction.invitation is not None:
                messages.info(request, _("A new sign-in link is e-mailed to the new address."))
            return redirect("workspace:party_page", reference=case.reference, party_id=party.pk)
    return step_page(request, case, form, "workspace/steps/correct_contact_details.html", party=party, person=person)

"""Staff actions for the party portal: invite a party or guardian, revoke a link, end a person's access,
let a minor consent alone."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mekle.access import rules
from mekle.access.lookups import find_invitation_for, get_case_for, get_participant_for, get_party_for
from mekle.parties import services as party_services

from .common import require, run_and_report, run_or_report, workspace_view


@require_POST
@workspace_view
def invite(request: HttpRequest, reference: str, party_id: int, guardian_id: int | None = None) -> HttpResponse:
    """Create a personal link; e-mail it when asked, and show it once so it can go by SMS or letter."""
    case = get_case_for(request.user, reference)
    require(rules.can_manage_case(request.user, case))
    party = get_party_for(case, party_id)
    participant = get_participant_for(party, guardian_id)
    by_email = request.POST.get("by_email") == "1"
    link = run_or_report(
        request,
        party_services.invite_to_portal,
        actor=request.user,
        participant=participant,
        send_email=by_email,
    )
    if link is None:
        return redirect("workspace:party_page", reference=case.reference, party_id=party.pk)
    context = {
        "nav": "cases",
        "case": case,
        "party": party,
        "person": participant.person,
        "link": link,
        "by_email": by_email,
    }
    return render(request, "workspace/invitation_created.html", context)


@require_POST
@workspace_view
def revoke_invitation(request: HttpRequest, reference: str, party_id: int, invitation_id: int) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_manage_case(request.user, case))
    party = get_party_for(case, party_id)
    found = find_invitation_for(party, invitation_id)
    if found is None:
        return redirect("workspace:party_page", reference=case.reference, party_id=party.pk)
    run_and_report(
        request,
        party_services.revoke_invitation,
        actor=request.user,
        invitation=found,
        done=_("The link is revoked and no longer works."),
    )
    return redirect("workspace:party_page", reference=case.reference, party_id=party.pk)


@require_POST
@workspace_view
def waive_guardian_consent(request: HttpRequest, reference: str, party_id: int) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_manage_case(request.user, case))
    party = get_party_for(case, party_id)
    run_and_report(
        request,
        party_services.waive_guardian_consent,
        actor=request.user,
        party=party,
        done=_("Recorded: the minor may consent without a guardian."),
    )
    return redirect("workspace:party_page", reference=case.reference, party_id=party.pk)


@require_http_methods(["GET", "POST"])
@workspace_view
def end_access(request: HttpRequest, reference: str, party_id: int, guardian_id: int | None = None) -> HttpResponse:
    """Ask to confirm, then end every signed-in session and unused link of the party or guardian."""
    case = get_case_for(request.user, reference)
    require(rules.can_end_portal_access(request.user, case))
    party = get_party_for(case, party_id)
    participant = get_participant_for(party, guardian_id)
    if request.method == "POST" and run_and_report(
        request,
        party_services.end_portal_access,
        actor=request.user,
        participant=participant,
        done=_("Portal access is ended: the person is signed out, and no link of theirs works."),
    ):
        return redirect("workspace:party_page", reference=case.reference, party_id=party.pk)
    context = {"nav": "cases", "case": case, "party": party, "person": participant.person}
    return render(request, "workspace/end_portal_access.html", context)

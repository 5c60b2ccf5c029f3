"""Signing in to the portal with a personal link, and what to do when a link no longer works.

The link's GET shows a button and the POST signs in, so an e-mail scanner that opens links
cannot use up a link meant to work once.
"""

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.views import LogoutView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods
from sesame.utils import get_user

from mekle.access import rules
from mekle.access.lookups import find_invitation_to_sign_in
from mekle.accounts.selectors import offices_to_call
from mekle.lib import clock
from mekle.lib.errors import Refusal
from mekle.parties import services as party_services
from mekle.parties.links import invitation_scope
from mekle.parties.models import PortalInvitation
from mekle.signin import assurance

from ..middleware import signed_out_reason

TOKEN_FIELD = "token"


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = find_invitation_to_sign_in(invitation_id)
    token = (request.POST if request.method == "POST" else request.GET).get(TOKEN_FIELD, "")
    if invitation is None or not token:
        return _link_problem(request, "invalid", None)
    if request.user.is_authenticated and rules.can_use_portal(request.user) and request.user.pk == invitation.user_id:
        return redirect("portal:home")
    state = invitation.state_at(clock.now())
    if state != "active":
        return _link_problem(request, state, invitation)
    user = get_user(token, scope=invitation_scope(invitation), update_last_login=False)
    if user is None or user.pk != invitation.user_id:
        return _link_problem(request, "invalid", invitation)
    if request.method == "GET":
        context = {"invitation": invitation, "token": token, "contact_office": invitation.party.case.office}
        return render(request, "portal/sign_in.html", context)
    try:
        party_services.use_invitation(invitation=invitation)
    except Refusal:
        return _link_problem(request, "used", invitation)
    # ID-porten may since have joined this person's records under one account: sign in to that one.
    person = invitation.guardian if invitation.guardian_id else invitation.party
    current = person.user if person is not None and person.user is not None else user
    login(request, current, backend="sesame.backends.ModelBackend")
    assurance.forget_level(request.session)  # this session began with a link, whatever came before
    return redirect("portal:home")


def _link_problem(request: HttpRequest, state: str, invitation: PortalInvitation | None) -> HttpResponse:
    office = invitation.party.case.office if invitation is not None else None
    # The office that sent the link, in the footer; a link we cannot place gets the offices to call.
    context = {
        "state": state,
        "office": office,
        "contact_office": office,
        "offices": [] if office else offices_to_call(),
    }
    return render(request, "portal/link_problem.html", context, status=410 if state != "invalid" else 404)


def sign_in_help(request: HttpRequest) -> HttpResponse:
    """Where a party lands without a valid session: why it ended, if it just did, and how to get back in."""
    context = {
        "next": request.GET.get("next", ""),
        "reason": signed_out_reason(request),
        "idle_minutes": settings.MEKLE_PORTAL_IDLE_MINUTES,
        "session_hours": settings.MEKLE_PORTAL_SESSION_HOURS,
        "offices": offices_to_call(),
    }
    return render(request, "portal/sign_in_help.html", context)


sign_out = LogoutView.as_view(next_page=reverse_lazy("portal:front_page"))

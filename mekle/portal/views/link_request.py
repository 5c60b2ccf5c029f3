"""Asking for a new sign-in link: the one pattern the portal and the journal share.

The person gives an e-mail address and always gets the same answer page, whether or not the
address is known: the look-up and the e-mail happen in a background task, so the page also takes
as long either way. A filled-in hidden field (a robot) and too many requests from one client
address get the same answer, with nothing sent.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from mekle.accounts.selectors import offices_to_call
from mekle.accounts.services import sender_key, take_allowance
from mekle.lib.http import client_ip
from mekle.parties import tasks as party_tasks

from ..forms.sign_in import HONEYPOT, LinkRequestForm


def link_request_page(request: HttpRequest, *, template: str, ask: Callable[[str], object], sent: str) -> HttpResponse:
    """The form on GET; on a valid POST, `ask(email)` (unless a robot or a busy client) and on to `sent`."""
    form = LinkRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not form.is_robot and take_allowance(
            key=sender_key("link-request:client", client_ip(request)),
            limit=settings.MEKLE_LINK_REQUESTS_PER_HOUR_PER_CLIENT,
        ):
            ask(form.cleaned_data["email"])
        return redirect(sent)
    context = {"form": form, "honeypot": form[HONEYPOT]}
    return render(request, template, context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def request_link(request: HttpRequest) -> HttpResponse:
    """A party or guardian whose link or session no longer works asks for a new link."""
    return link_request_page(
        request,
        template="portal/request_link.html",
        ask=lambda email: party_tasks.ask_for_portal_links(email=email),
        sent="portal:link_sent",
    )


@require_GET
def link_sent(request: HttpRequest) -> HttpResponse:
    """The same answer for every address; and for those we can reach only by phone, the offices' numbers."""
    context = {"offices": offices_to_call(), "invitation_days": settings.MEKLE_INVITATION_DAYS}
    return render(request, "portal/link_sent.html", context)

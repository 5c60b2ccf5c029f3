"""Asking for help without signing in: the guided triage, the self-referral form and its receipt.

The triage pages are GET-only and keep the answers so far in the query string, so back, forward
and reload just work and nothing is stored until the form is sent.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from mekle.accounts.selectors import office_of_case, offices_to_call
from mekle.lib.http import client_ip
from mekle.lib.middleware import public_page
from mekle.referrals import services

from .. import triage
from ..forms.self_referral import HONEYPOT, SelfReferralForm
from .common import run_service

ROUTE_URLS = {
    triage.Route.EMERGENCY: "portal:help_emergency",
    triage.Route.FAMILY_COUNSELLING: "portal:help_family_mediation",
    triage.Route.REPORT_TO_POLICE: "portal:help_report_to_police",
    triage.Route.POLICE_DECIDES: "portal:help_police_decides",
    triage.Route.REFERRAL_FORM: "portal:self_referral",
}
ROUTE_TEMPLATES = {
    triage.Route.EMERGENCY: "portal/help/emergency.html",
    triage.Route.FAMILY_COUNSELLING: "portal/help/family_mediation.html",
    triage.Route.REPORT_TO_POLICE: "portal/help/report_to_police.html",
    triage.Route.POLICE_DECIDES: "portal/help/police_decides.html",
}
RECEIPT_SALT = "mekle.portal.self-referral-receipt"
RECEIPT_MAX_AGE = 24 * 60 * 60


def _url(name: str, answers: dict[str, str]) -> str:
    query = urlencode(answers)
    return reverse(name) + (f"?{query}" if query else "")


def _back_url(answers: dict[str, str]) -> str:
    """One step back in the triage; from its first question, back to the front page."""
    if not answers:
        return reverse("portal:front_page")
    return _url("portal:help_start", triage.previous_answers(answers))


@public_page
@require_GET
def help_start(request: HttpRequest) -> HttpResponse:
    """Ask the next triage question, or send the person to where their answers lead."""
    answers = triage.clean_answers(request.GET)
    step = triage.next_step(answers)
    if isinstance(step, triage.Route):
        return redirect(_url(ROUTE_URLS[step], answers))
    unanswered = request.GET.get("asked") == step.key
    context = {
        "question": step,
        "answers": answers,
        "error": unanswered,
        "back_url": _back_url(answers),
        "is_first": not answers,
    }
    return render(request, "portal/help/question.html", context, status=400 if unanswered else 200)


def _route_page(request: HttpRequest, route: triage.Route) -> HttpResponse:
    """Where the answers lead, with the reason; a link to the form carries the answers along."""
    answers = triage.clean_answers(request.GET)
    context = {"back_url": _back_url(answers), "form_url": _url("portal:self_referral", answers)}
    return render(request, ROUTE_TEMPLATES[route], context)


@public_page
@require_GET
def help_emergency(request: HttpRequest) -> HttpResponse:
    return _route_page(request, triage.Route.EMERGENCY)


@public_page
@require_GET
def help_family_mediation(request: HttpRequest) -> HttpResponse:
    return _route_page(request, triage.Route.FAMILY_COUNSELLING)


@public_page
@require_GET
def help_report_to_police(request: HttpRequest) -> HttpResponse:
    return _route_page(request, triage.Route.REPORT_TO_POLICE)


@public_page
@require_GET
def help_police_decides(request: HttpRequest) -> HttpResponse:
    return _route_page(request, triage.Route.POLICE_DECIDES)


@require_http_methods(["GET", "POST"])
def self_referral(request: HttpRequest) -> HttpResponse:
    answers = triage.clean_answers(request.GET)
    if request.method != "POST":
        return _render_form(request, SelfReferralForm(), answers)
    form = SelfReferralForm(request.POST)
    if not form.is_valid():
        return _render_form(request, form, answers, status=400)
    if form.is_robot:
        return redirect("portal:self_referral_sent")
    submitted = run_service(
        form,
        services.submit_self_referral,
        ip_address=client_ip(request),
        postcode=form.cleaned_data["postcode"],
        requester=form.requester(),
        other_party=form.other_party(),
        description=form.cleaned_data["description"],
    )
    if submitted is None:
        return _render_form(request, form, answers, status=400)
    receipt = signing.dumps(submitted.case.reference, salt=RECEIPT_SALT)
    return redirect(reverse("portal:self_referral_sent") + "?" + urlencode({"receipt": receipt}))


def _render_form(
    request: HttpRequest, form: SelfReferralForm, answers: dict[str, str], status: int = 200
) -> HttpResponse:
    context = {"form": form, "honeypot": form[HONEYPOT], "back_url": _back_url(answers)}
    return render(request, "portal/help/self_referral.html", context, status=status)


@require_GET
def self_referral_sent(request: HttpRequest) -> HttpResponse:
    """The receipt: what happens next. Shows the case's reference and the office that has it (how to
    reach them), nothing else about it; without a reference, the offices to call."""
    try:
        reference = signing.loads(request.GET.get("receipt", ""), salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
    except signing.BadSignature:
        reference = ""
    office = office_of_case(reference)
    context = {
        "reference": reference,
        "invitation_days": settings.MEKLE_INVITATION_DAYS,
        "contact_office": office,
        "offices": [] if office else offices_to_call(),
    }
    return render(request, "portal/help/self_referral_sent.html", context)

"""The cooperation journal outside any case: a parent's own account, entries, proposals, export,
asking for mediation and deletion; and the other parent's answer page, which needs no account.

Journal users (role ``journal``) are kept apart from portal users (role ``party``): each door
decorator lets in only its own role, so one account never opens the other's pages.
"""

import json
from collections.abc import Callable
from functools import wraps
from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from sesame.utils import get_user

from mekle.access import rules
from mekle.access.lookups import find_journal_sign_in_link
from mekle.accounts.models import User
from mekle.dialogue import goodfaith, tone
from mekle.dialogue import services as dialogue_services
from mekle.dialogue.tone import ToneResult
from mekle.journal import selectors
from mekle.journal import services as journal_services
from mekle.journal import tasks as journal_tasks
from mekle.journal.links import sign_in_scope
from mekle.journal.models import EntryKind, Journal
from mekle.lib import clock
from mekle.lib.errors import Refusal
from mekle.lib.http import client_ip

from .. import journal_presenters as presenters
from ..forms.journal import (
    AnswerForm,
    AskForMediationForm,
    DeleteJournalForm,
    EntryForm,
    ProposalForm,
    SignUpForm,
)
from .common import run_service
from .help import RECEIPT_SALT
from .link_request import link_request_page

ENTRY_KINDS = {
    "message": EntryKind.MESSAGE,
    "call": EntryKind.CALL,
    "meeting": EntryKind.MEETING,
    "mediation-offer": EntryKind.MEDIATION_OFFER,
}


def journal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in with a journal account: visitors go to the journal's front page, other roles are refused."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect("portal:journal_start")
        if not rules.can_use_journal(request.user):
            raise PermissionDenied
        journal = selectors.journal_of(request.user)
        if journal is None or not rules.can_read_journal(request.user, journal):
            raise Http404("No journal")
        return view(request, journal, *args, **kwargs)

    return wrapper


def _language() -> str:
    return get_language() or "nb"


# --- Signing up and in -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """What the journal is, a form to sign up, and a way back in for those who have one."""
    if request.user.is_authenticated and rules.can_use_journal(request.user):
        return redirect("portal:journal_home")
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        journal_services.create_journal_account(
            full_name=form.cleaned_data["full_name"], email=form.cleaned_data["email"], language=_language()
        )
        return redirect("portal:journal_link_sent")
    status = 400 if form.errors else 200
    return render(request, "portal/journal/start.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def request_link(request: HttpRequest) -> HttpResponse:
    """Ask for a new sign-in link; the answer is the same whether or not the address has a journal."""
    return link_request_page(
        request,
        template="portal/journal/request_link.html",
        ask=lambda email: journal_tasks.ask_for_sign_in_link(email=email, language=_language()),
        sent="portal:journal_link_sent",
    )


@require_GET
def link_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/journal/link_sent.html")


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest, link_id: int) -> HttpResponse:
    """The link's GET shows a button and the POST signs in, so an e-mail scanner cannot use up the link."""
    link = find_journal_sign_in_link(link_id)
    token = (request.POST if request.method == "POST" else request.GET).get("token", "")
    if link is None or not token:
        return _link_problem(request)
    user = get_user(token, scope=sign_in_scope(link), update_last_login=False)
    if user is None or user.pk != link.user_id or not link.is_active_at(clock.now()):
        return _link_problem(request)
    if request.method == "GET":
        return render(request, "portal/journal/sign_in.html", {"token": token})
    try:
        journal_services.use_sign_in_link(link=link)
    except Refusal:
        return _link_problem(request)
    login(request, user, backend="sesame.backends.ModelBackend")
    return redirect("portal:journal_home")


def _link_problem(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/journal/link_problem.html", status=410)


# --- The journal -----------------------------------------------------------------------------


@journal_view
@require_GET
def home(request: HttpRequest, journal: Journal) -> HttpResponse:
    entries = list(selectors.entries_of(journal))
    context = {"nav": "journal", "journal": journal, "rows": presenters.rows(entries), "now": clock.now()}
    return render(request, "portal/journal/home.html", context)


def _tone_advice(text: str) -> ToneResult:
    """The tone check's advice on `text`: it advises and never blocks, and nothing of the draft is kept."""
    return tone.check(text, _language())


@journal_view
@require_http_methods(["GET", "POST"])
def add_entry(request: HttpRequest, journal: Journal, kind: str) -> HttpResponse:
    entry_kind = ENTRY_KINDS.get(kind)
    if entry_kind is None:
        raise Http404("No such kind of entry")
    return _entry_page(request, journal, entry_kind, corrects=None)


@journal_view
@require_http_methods(["GET", "POST"])
def correct_entry(request: HttpRequest, journal: Journal, sequence: int) -> HttpResponse:
    if selectors.entry_of(journal, sequence) is None:
        raise Http404("No such entry")
    return _entry_page(request, journal, EntryKind.CORRECTION, corrects=sequence)


def _entry_page(request: HttpRequest, journal: Journal, kind: str, corrects: int | None) -> HttpResponse:
    form = EntryForm(request.POST if request.method == "POST" else None, kind=kind)
    advice: ToneResult | None = None
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "check" and kind == EntryKind.MESSAGE:
            advice = _tone_advice(form.cleaned_data["text"])
        else:
            entry = run_service(
                form,
                journal_services.add_entry,
                actor=request.user,
                journal=journal,
                kind=kind,
                text=form.cleaned_data["text"],
                happened_on=form.cleaned_data.get("happened_on"),
                corrects=corrects,
            )
            if entry is not None:
                return redirect("portal:journal_home")
    context = {
        "nav": "journal",
        "form": form,
        "kind": kind,
        "kind_label": EntryKind(kind).label,
        "corrects": corrects,
        "advice": advice,
        "can_check_tone": kind == EntryKind.MESSAGE,
    }
    return render(request, "portal/journal/entry_form.html", context, status=400 if form.errors else 200)


@journal_view
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, journal: Journal) -> HttpResponse:
    form = ProposalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        sent = run_service(
            form,
            journal_services.send_proposal,
            actor=request.user,
            journal=journal,
            text=form.cleaned_data["text"],
            recipient_email=form.cleaned_data["recipient_email"],
            language=_language(),
        )
        if sent is not None:
            return redirect("portal:journal_home")
    context = {"nav": "journal", "form": form}
    return render(request, "portal/journal/propose.html", context, status=400 if form.errors else 200)


# --- Export and deletion: the parent's data is theirs ---------------------------------------------


def _record(journal: Journal) -> dict[str, Any]:
    """A new good-faith record of the journal, kept by code and hash so the public page can check copies."""
    events = presenters.record_events(list(selectors.entries_of(journal)))
    record = goodfaith.build_record(events, subject=journal.owner.get_full_name(), case_reference="")
    journal_services.keep_exported_record(journal=journal, code=record["code"], record_hash=record["record_hash"])
    return record


@journal_view
@require_GET
def export_json(request: HttpRequest, journal: Journal) -> HttpResponse:
    body = json.dumps(_record(journal), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mekle-journal-{journal.code}.json"'
    return response


@journal_view
@require_GET
def export_pdf(request: HttpRequest, journal: Journal) -> HttpResponse:
    pdf = dialogue_services.render_record_pdf(record=_record(journal), language=_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="mekle-journal-{journal.code}.pdf"'
    return response


@journal_view
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, journal: Journal) -> HttpResponse:
    form = DeleteJournalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        journal_services.delete_journal(actor=request.user)
        logout(request)
        return redirect("portal:journal_deleted")
    context = {"nav": "journal", "form": form, "shared": journal.shares.exists()}
    return render(request, "portal/journal/delete.html", context, status=400 if form.errors else 200)


@require_GET
def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/journal/deleted.html")


# --- Asking for mediation ----------------------------------------------------------------------


@journal_view
@require_http_methods(["GET", "POST"])
def ask_for_mediation(request: HttpRequest, journal: Journal) -> HttpResponse:
    """A request for mediation from the journal, with the entries the parent chooses to share."""
    entries = list(selectors.entries_of(journal))
    choices = [(entry.sequence, presenters.choice_label(entry)) for entry in entries]
    form = AskForMediationForm(request.POST if request.method == "POST" else None, entry_choices=choices)
    if request.method == "POST" and form.is_valid():
        user = cast(User, request.user)  # journal_view lets only journal keepers in
        sequences = form.shared_sequences()
        submitted = run_service(
            form,
            journal_services.ask_for_mediation,
            actor=user,
            journal=journal,
            ip_address=client_ip(request),
            postcode=form.cleaned_data["postcode"],
            requester=form.requester(full_name=user.get_full_name(), email=user.email),
            other_party=form.other_party(),
            description=form.cleaned_data["description"],
            sequences=sequences,
        )
        if submitted is not None:
            if submitted.created and sequences:
                count = len(sequences)
                messages.success(
                    request,
                    ngettext(
                        "You shared %(count)d entry of your journal with the mediation service.",
                        "You shared %(count)d entries of your journal with the mediation service.",
                        count,
                    )
                    % {"count": count},
                )
            receipt = signing.dumps(submitted.case.reference, salt=RECEIPT_SALT)
            return redirect(reverse("portal:self_referral_sent") + "?" + urlencode({"receipt": receipt}))
    context = {"nav": "journal", "form": form, "has_entries": bool(entries)}
    return render(request, "portal/journal/ask_for_mediation.html", context, status=400 if form.errors else 200)


# --- The other parent's answer, without an account ---------------------------------------------


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The other parent reads a proposal and answers once. The page shows the sender's name, never
    their contact details, and never anything else from the journal."""
    proposal = selectors.proposal_for_token(token)
    if proposal is None:
        return render(request, "portal/journal/answer_closed.html", {"state": "invalid"}, status=404)
    context: dict[str, Any] = {
        "sender": proposal.entry.journal.owner.get_full_name(),
        "proposal_text": proposal.entry.content.get("text", ""),
        "sent_at": proposal.entry.occurred_at,
    }
    if proposal.answered_at is not None:
        return render(request, "portal/journal/answer_closed.html", {**context, "state": "answered"}, status=410)
    if not proposal.is_open_at(clock.now()):
        return render(request, "portal/journal/answer_closed.html", {**context, "state": "expired"}, status=410)
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        answer = run_service(
            form,
            journal_services.answer_proposal,
            proposal=proposal,
            choice=form.cleaned_data["choice"],
            text=form.cleaned_data["text"],
        )
        if answer is not None:
            return render(request, "portal/journal/answered.html", context)
    return render(request, "portal/journal/answer.html", {**context, "form": form}, status=400 if form.errors else 200)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal:journal_start")

"""A case's messages and proposals for its staff: read every thread, write to one party, steer the
switches (pause, the staff threads, the mediator-only channel, direct contact despite a safety
concern), deliver or return held messages, and carry an accepted proposal into the draft agreement.
Each button calls one service from ``dialogue.services``."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mekle.access import rules
from mekle.access.decorators import logs_access
from mekle.access.lookups import get_case_for, get_hold_for, get_party_for, get_proposal_for
from mekle.cases.models import Case
from mekle.dialogue import contact
from mekle.dialogue import selectors as dialogue_selectors
from mekle.dialogue import services as dialogue_services

from ..dialogue_forms import OpenContactForm, ReturnHeldForm, StaffMessageForm
from .common import require, run_and_report, run_service, staff_user, workspace_view


def _case(request: HttpRequest, reference: str) -> Case:
    """A case whose thread the signed-in member of staff may steer."""
    case = get_case_for(request.user, reference)
    require(rules.can_steer_thread(request.user, case))
    return case


def _back(case: Case) -> HttpResponse:
    return redirect("workspace:messages", reference=case.reference)


def _party_choices(case: Case) -> list[tuple[str, str]]:
    return [(str(party.pk), party.full_name) for party in dialogue_selectors.parties_of(case)]


def _thread_page(
    request: HttpRequest,
    case: Case,
    *,
    write_form: StaffMessageForm | None = None,
    open_form: OpenContactForm | None = None,
    status: int = 200,
) -> HttpResponse:
    thread = dialogue_selectors.thread_of(case)
    context = {
        "nav": "cases",
        "case": case,
        "thread": thread,
        "contact": contact.direct_contact_for(case),
        "staff_thread_open": dialogue_selectors.staff_thread_open(case, thread),
        "thread_messages": dialogue_selectors.thread_for_staff(case),
        "held": dialogue_selectors.held_messages_of(case),
        "proposals": dialogue_selectors.proposals_of(case),
        "can_steer": rules.can_steer_thread(request.user, case),
        "can_carry": rules.can_carry_proposal(request.user, case),
        "can_write": rules.can_write_to_parties(request.user, case),
        "can_open_contact": rules.can_open_direct_contact(request.user, case) and case.is_open,
        "can_decide": rules.can_decide_hold(request.user, case),
        "write_form": write_form or StaffMessageForm(choices=_party_choices(case)),
        "open_form": open_form or OpenContactForm(),
        "return_form": ReturnHeldForm(),
    }
    return render(request, "workspace/dialogue/thread.html", context, status=status)


@require_GET
@workspace_view
@logs_access("messages")
def thread(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_read_thread(request.user, case))
    dialogue_services.mark_read_by_staff(actor=staff_user(request), case=case)
    return _thread_page(request, case)


@require_POST
@workspace_view
def write(request: HttpRequest, reference: str) -> HttpResponse:
    """Write to one party (and their guardians) in their thread with the staff."""
    case = get_case_for(request.user, reference)
    require(rules.can_write_to_parties(request.user, case))
    form = StaffMessageForm(request.POST, choices=_party_choices(case))
    if form.is_valid():
        sent = run_service(
            form,
            dialogue_services.send_staff_message,
            actor=staff_user(request),
            party=get_party_for(case, int(form.cleaned_data["to"])),
            text=form.cleaned_data["text"],
            include_guardians=form.cleaned_data["include_guardians"],
            language=get_language() or "nb",
        )
        if sent is not None:
            messages.success(request, _("Your message has been sent. Only this party can read it."))
            return _back(case)
    return _thread_page(request, case, write_form=form, status=400)


@require_POST
@workspace_view
def pause(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    paused = request.POST.get("paused") == "on"
    done = _("Messages are paused.") if paused else _("Messages are open again.")
    run_and_report(request, dialogue_services.pause_thread, actor=request.user, case=case, paused=paused, done=done)
    return _back(case)


@require_POST
@workspace_view
def staff_threads(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    closed = request.POST.get("closed") == "on"
    done = (
        _("The parties can no longer write to the staff of the case.")
        if closed
        else _("The parties can write to the staff of the case again.")
    )
    run_and_report(
        request, dialogue_services.set_staff_threads_closed, actor=request.user, case=case, closed=closed, done=done
    )
    return _back(case)


@require_POST
@workspace_view
def restore_direct(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    done = _("The mediator-only switch is undone.")
    run_and_report(request, dialogue_services.restore_direct_channel, actor=request.user, case=case, done=done)
    return _back(case)


@require_http_methods(["POST"])
@workspace_view
def open_contact(request: HttpRequest, reference: str) -> HttpResponse:
    """The assigned mediator opens direct contact despite a safety concern, with a written reason."""
    case = get_case_for(request.user, reference)
    require(rules.can_open_direct_contact(request.user, case))
    form = OpenContactForm(request.POST)
    if form.is_valid():
        opened = run_service(
            form,
            dialogue_services.open_direct_contact,
            actor=staff_user(request),
            case=case,
            reason=form.cleaned_data["reason"],
        )
        if opened is not None:
            messages.success(request, _("Direct contact is open. A new safety concern closes it again."))
            return _back(case)
    return _thread_page(request, case, open_form=form, status=400)


@require_POST
@workspace_view
def deliver_held(request: HttpRequest, reference: str, hold_id: int) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_decide_hold(request.user, case))
    hold = get_hold_for(case, hold_id)
    done = _("The message has been delivered.")
    run_and_report(request, dialogue_services.deliver_held_message, actor=request.user, hold=hold, done=done)
    return _back(case)


@require_POST
@workspace_view
def return_held(request: HttpRequest, reference: str, hold_id: int) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_decide_hold(request.user, case))
    hold = get_hold_for(case, hold_id)
    form = ReturnHeldForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(case)
    done = _("The message has been returned to its writer.")
    run_and_report(
        request,
        dialogue_services.return_held_message,
        actor=request.user,
        hold=hold,
        reason=form.cleaned_data["reason"],
        done=done,
    )
    return _back(case)


@require_POST
@workspace_view
def carry(request: HttpRequest, reference: str, proposal_id: int) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_carry_proposal(request.user, case))
    proposal = get_proposal_for(case, proposal_id)
    done = _("The proposal has been added to the draft agreement as a commitment.")
    run_and_report(request, dialogue_services.carry_into_agreement, actor=request.user, proposal=proposal, done=done)
    return _back(case)


@require_GET
@workspace_view
def needs_attention(request: HttpRequest) -> HttpResponse:
    """Held messages the signed-in person must deliver or return, oldest promise first."""
    holds = dialogue_selectors.needs_attention_for(request.user)
    return render(request, "workspace/dialogue/needs_attention.html", {"nav": "attention", "holds": holds})

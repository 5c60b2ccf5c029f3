"""A case's messages and proposals for its staff: read the thread (the mediator-only channel too),
pause and resume it, open the direct channel again, and carry an accepted proposal into the draft
agreement. Each button calls one service from ``dialogue.services``."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mekle.access import rules
from mekle.access.decorators import logs_access
from mekle.access.lookups import get_case_for, get_proposal_for
from mekle.cases.models import Case
from mekle.dialogue import selectors as dialogue_selectors
from mekle.dialogue import services as dialogue_services

from .common import require, run_and_report, workspace_view


def _case(request: HttpRequest, reference: str, allowed: bool | None = None) -> Case:
    case = get_case_for(request.user, reference)
    require(rules.can_steer_thread(request.user, case) if allowed is None else allowed)
    return case


def _back(case: Case) -> HttpResponse:
    return redirect("workspace:messages", reference=case.reference)


@require_GET
@workspace_view
@logs_access("messages")
def thread(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_read_thread(request.user, case))
    context = {
        "nav": "cases",
        "case": case,
        "thread": dialogue_selectors.thread_of(case),
        "thread_messages": dialogue_selectors.thread_for_staff(case),
        "proposals": dialogue_selectors.proposals_of(case),
        "can_steer": rules.can_steer_thread(request.user, case),
        "can_carry": rules.can_carry_proposal(request.user, case),
    }
    return render(request, "workspace/dialogue/thread.html", context)


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
def mediator_messages(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    allowed = request.POST.get("allowed") == "on"
    done = (
        _("The parties may write to the mediator.")
        if allowed
        else _("The parties can no longer write to the mediator.")
    )
    run_and_report(
        request, dialogue_services.allow_mediator_messages, actor=request.user, case=case, allowed=allowed, done=done
    )
    return _back(case)


@require_POST
@workspace_view
def restore_direct(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    done = _("The parties can write to each other again.")
    run_and_report(request, dialogue_services.restore_direct_channel, actor=request.user, case=case, done=done)
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

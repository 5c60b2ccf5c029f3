"""A party's own case: status and next step, information, consent, withdrawal, preparation, meeting."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mekle.access.decorators import logs_access
from mekle.access.lookups import get_own_participant_for
from mekle.access.selectors import participants_of
from mekle.lib import clock
from mekle.mediators import calendar
from mekle.mediators.selectors import active_assignments, meetings_of, upcoming_meeting
from mekle.parties import selectors as party_selectors
from mekle.parties import services as party_services
from mekle.parties.models import ConsentMethod
from mekle.parties.participants import Participant

from .. import information, panels, presenters
from ..forms.case import ConsentForm, PreparationForm, WithdrawForm
from .common import portal_view, run_service


def _context(request: HttpRequest, participant: Participant, **extra: object) -> dict[str, object]:
    return {"nav": "portal", "participant": participant, "case": participant.case, **extra}


def closed_page(request: HttpRequest, participant: Participant) -> HttpResponse:
    """What a form page of a closed case shows instead of its form, for a GET and a POST alike:
    what happened (to this person) and what they can still do. Nothing is changed."""
    return render(request, "portal/closed.html", _context(request, participant, **presenters.closed_case(participant)))


@portal_view
def home(request: HttpRequest) -> HttpResponse:
    participants = participants_of(request.user)
    if len(participants) == 1:
        return redirect("portal:case", reference=participants[0].case.reference)
    return render(request, "portal/home.html", {"nav": "portal", "participants": participants})


@portal_view
@logs_access("portal_case")
def case_page(request: HttpRequest, reference: str) -> HttpResponse:
    participant = get_own_participant_for(request.user, reference)
    case = participant.case
    consented = party_selectors.has_consented(participant)
    answers = party_selectors.own_preparation_answers(participant)
    agreement = panels.own_agreement(participant)
    withdrew = panels.withdrew(participant)
    can_answer = case.status in party_services.ANSWERS_OPEN_STATUSES
    context = _context(
        request,
        participant,
        next_action=presenters.next_action(
            case, consented=consented, answered=answers is not None, can_answer=can_answer, agreement=agreement
        ),
        status_sentence=presenters.status_sentence(case.status, withdrew=withdrew),
        next_step=presenters.next_step(
            case.status, consented=consented, answered=answers is not None, agreement=agreement
        ),
        agreement=agreement,
        consented=consented,
        answers=answers,
        can_answer=can_answer,
        meeting=upcoming_meeting(case),
        mediators=[a.mediator for a in active_assignments(case)],
        state=presenters.thread_state(participant),
        waiting=panels.waiting(participant),
    )
    return render(request, "portal/case_page.html", context)


@portal_view
@logs_access("portal_information")
def information_page(request: HttpRequest, reference: str) -> HttpResponse:
    participant = get_own_participant_for(request.user, reference)
    return render(request, "portal/information_page.html", _context(request, participant))


@portal_view
@require_http_methods(["GET", "POST"])
@logs_access("portal_consent")
def consent(request: HttpRequest, reference: str) -> HttpResponse:
    participant = get_own_participant_for(request.user, reference)
    if not participant.case.is_open:
        return closed_page(request, participant)
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and form.cleaned_data["answer"] == ConsentForm.NO:
        # Saying no before taking part is a withdrawal: the case closes, and its staff are told.
        withdrawal = run_service(
            form, party_services.withdraw_consent, actor=request.user, participant=participant, reason=""
        )
        if withdrawal is not None:
            return redirect("portal:declined", reference=reference)
    elif request.method == "POST" and form.is_valid():
        consent = run_service(
            form,
            party_services.record_consent,
            actor=request.user,
            participant=participant,
            given_on=clock.today(),
            method=ConsentMethod.DIGITAL,
            information_given=_("Read the information in the portal (version %(version)s).")
            % {"version": information.INFORMATION_VERSION},
            information_version=information.information_read(),
        )
        if consent is not None:
            messages.success(request, _("Thank you. Your consent has been recorded."))
            return redirect("portal:case", reference=reference)
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/consent.html", _context(request, participant, form=form), status=status)


@portal_view
@logs_access("portal_declined")
def declined(request: HttpRequest, reference: str) -> HttpResponse:
    """The receipt of a "no": what happens now (the closed page, worded for an answer, not a withdrawal)."""
    participant = get_own_participant_for(request.user, reference)
    if participant.case.is_open:
        return redirect("portal:case", reference=reference)
    context = _context(request, participant, **presenters.closed_case(participant))
    return render(request, "portal/closed.html", {**context, "declined": True})


@portal_view
@require_http_methods(["GET", "POST"])
@logs_access("portal_withdraw")
def withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    participant = get_own_participant_for(request.user, reference)
    if not participant.case.is_open:
        return closed_page(request, participant)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        withdrawal = run_service(
            form,
            party_services.withdraw_consent,
            actor=request.user,
            participant=participant,
            reason=form.cleaned_data["reason"],
        )
        if withdrawal is not None:
            return redirect("portal:withdrawn", reference=reference)
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/withdraw.html", _context(request, participant, form=form), status=status)


@portal_view
@logs_access("portal_withdrawn")
def withdrawn(request: HttpRequest, reference: str) -> HttpResponse:
    return closed_page(request, get_own_participant_for(request.user, reference))


@portal_view
@require_http_methods(["GET", "POST"])
@logs_access("portal_preparation")
def preparation(request: HttpRequest, reference: str) -> HttpResponse:
    participant = get_own_participant_for(request.user, reference)
    if not participant.case.is_open:
        return closed_page(request, participant)
    answers = party_selectors.own_preparation_answers(participant)
    initial = {name: getattr(answers, name) for name in party_services.ANSWER_FIELDS} if answers else None
    form = PreparationForm(request.POST if request.method == "POST" else None, initial=initial)
    can_answer = participant.case.status in party_services.ANSWERS_OPEN_STATUSES
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            party_services.save_preparation_answers,
            actor=request.user,
            participant=participant,
            answers=form.cleaned_data,
        )
        if saved is not None:
            messages.success(
                request, _("Thank you. Your answers have been saved. You can change them until the meeting.")
            )
            return redirect("portal:case", reference=reference)
    status = 400 if request.method == "POST" else 200
    context = _context(request, participant, form=form, can_answer=can_answer)
    return render(request, "portal/preparation.html", context, status=status)


@portal_view
@logs_access("portal_meeting_calendar")
def meeting_calendar(request: HttpRequest, reference: str) -> HttpResponse:
    participant = get_own_participant_for(request.user, reference)
    # The scheduled meeting; else the latest one, so a cancelled meeting's file cancels it.
    meeting = upcoming_meeting(participant.case) or meetings_of(participant.case).first()
    if meeting is None:
        return render(request, "portal/no_meeting.html", _context(request, participant), status=404)
    response = HttpResponse(calendar.meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mekle-{participant.case.reference}.ics"'
    return response

"""One page per step on a case: each validates a form, calls one service and goes back to the case.

Every page works without JavaScript; a guard's refusal is shown as a form error and changes nothing.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mekle.access import rules
from mekle.access.lookups import get_case_for, get_meeting_for, get_participant_for, get_party_for, parties_for
from mekle.cases import services as case_services
from mekle.cases.models import Case
from mekle.lib import clock
from mekle.mediators import services as mediator_services
from mekle.mediators.selectors import active_assignments, mediators_of_office
from mekle.parties import services as party_services
from mekle.parties.models import Party

from .. import forms
from .common import back_to_case, require, run_and_report, run_service, step_form, step_page, workspace_view


def _party(request: HttpRequest, reference: str, party_id: int, *, manage: bool = False) -> tuple[Case, Party]:
    case = get_case_for(request.user, reference)
    require(rules.can_manage_case(request.user, case) if manage else rules.can_work_on_case(request.user, case))
    return case, get_party_for(case, party_id)


@require_POST
@workspace_view
def start_assessment(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_manage_case(request.user, case))
    run_and_report(
        request,
        case_services.start_assessment,
        actor=request.user,
        case=case,
        done=_("The suitability assessment has started."),
    )
    return redirect("workspace:case_page", reference=case.reference)


@workspace_view
def assess(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_manage_case(request.user, case))
    form = step_form(request, case, forms.AssessmentForm)
    if form.is_valid() and (
        run_service(form, case_services.assess_suitability, actor=request.user, case=case, **form.cleaned_data)
        is not None
    ):
        return back_to_case(request, case, _("The suitability decision is recorded."))
    return step_page(request, case, form, "workspace/steps/assess.html")


@workspace_view
def add_party(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_manage_case(request.user, case))
    form = step_form(request, case, forms.PartyForm)
    if form.is_valid() and (
        run_service(form, party_services.add_party, actor=request.user, case=case, data=form.to_input()) is not None
    ):
        return back_to_case(request, case, _("The party is added."))
    return step_page(request, case, form, "workspace/steps/add_party.html")


@workspace_view
def add_guardian(request: HttpRequest, reference: str, party_id: int) -> HttpResponse:
    case, party = _party(request, reference, party_id, manage=True)
    form = step_form(request, case, forms.GuardianForm)
    if form.is_valid() and (
        run_service(form, party_services.add_guardian, actor=request.user, party=party, data=form.to_input())
        is not None
    ):
        return back_to_case(request, case, _("The guardian is added."))
    return step_page(request, case, form, "workspace/steps/add_guardian.html", party=party)


@workspace_view
def record_consent(request: HttpRequest, reference: str, party_id: int, guardian_id: int | None = None) -> HttpResponse:
    case, party = _party(request, reference, party_id, manage=True)
    participant = get_participant_for(party, guardian_id)
    who = participant.name
    form = step_form(request, case, forms.ConsentForm, initial={"given_on": clock.today()})
    if form.is_valid() and (
        run_service(
            form,
            party_services.record_consent,
            actor=request.user,
            participant=participant,
            **form.cleaned_data,
        )
        is not None
    ):
        return back_to_case(request, case, _("Consent from %(name)s is recorded.") % {"name": who})
    return step_page(request, case, form, "workspace/steps/record_consent.html", person=participant.person)


@workspace_view
def record_withdrawal(
    request: HttpRequest, reference: str, party_id: int, guardian_id: int | None = None
) -> HttpResponse:
    case, party = _party(request, reference, party_id)
    participant = get_participant_for(party, guardian_id)
    form = step_form(request, case, forms.WithdrawalForm)
    if form.is_valid() and (
        run_service(
            form,
            party_services.withdraw_consent,
            actor=request.user,
            participant=participant,
            reason=form.cleaned_data["reason"],
        )
        is not None
    ):
        return back_to_case(request, case, _("The withdrawal is recorded and the case is closed as withdrawn."))
    return step_page(request, case, form, "workspace/steps/record_withdrawal.html", person=participant.person)


@workspace_view
def record_preparation(request: HttpRequest, reference: str, party_id: int) -> HttpResponse:
    case, party = _party(request, reference, party_id)
    form = step_form(request, case, forms.PreparationTalkForm, initial={"held_on": clock.today()}, case=case)
    if form.is_valid() and (
        run_service(form, party_services.record_preparation, actor=request.user, party=party, **form.cleaned_data)
        is not None
    ):
        return back_to_case(
            request, case, _("The preparatory talk with %(name)s is recorded.") % {"name": party.full_name}
        )
    return step_page(request, case, form, "workspace/steps/record_preparation.html", party=party)


@workspace_view
def assign_mediator(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_manage_case(request.user, case))
    mediators = {m.pk: m for m in mediators_of_office(case.office_id)}
    choices = [(m.pk, str(m)) for m in mediators.values()]
    form = step_form(request, case, forms.AssignMediatorForm, mediator_choices=choices)
    if form.is_valid() and (
        run_service(
            form,
            mediator_services.assign_mediator,
            actor=request.user,
            case=case,
            mediator=mediators[form.cleaned_data["mediator"]],
        )
        is not None
    ):
        return back_to_case(request, case, _("The mediator is assigned."))
    return step_page(request, case, form, "workspace/steps/assign_mediator.html")


@require_http_methods(["GET", "POST"])
@workspace_view
def unassign_mediator(request: HttpRequest, reference: str, mediator_id: int) -> HttpResponse:
    """Ask to confirm (with a reason), then take the mediator off the case; the mediator is e-mailed."""
    case = get_case_for(request.user, reference)
    require(rules.can_manage_case(request.user, case))
    assignment = active_assignments(case).filter(mediator_id=mediator_id).first()
    if assignment is None:
        messages.info(request, _("That mediator is not on the case."))
        return redirect("workspace:case_page", reference=case.reference)
    form = step_form(request, case, forms.TakeOffCaseForm)
    if form.is_valid() and (
        run_service(
            form,
            mediator_services.unassign_mediator,
            actor=request.user,
            case=case,
            mediator=assignment.mediator,
            reason=form.cleaned_data["reason"],
        )
        is not None
    ):
        return back_to_case(request, case, _("The mediator is taken off the case."))
    return step_page(request, case, form, "workspace/steps/unassign_mediator.html", mediator=assignment.mediator)


@workspace_view
def declare_tie(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_work_on_case(request.user, case))
    mediators = {m.pk: m for m in mediators_of_office(case.office_id)}
    if not rules.can_manage_case(request.user, case):
        mediators = {request.user.pk: request.user}  # a mediator declares only their own ties
    parties = {p.pk: p for p in parties_for(case)}
    form = step_form(
        request,
        case,
        forms.TieForm,
        mediator_choices=[(pk, str(m)) for pk, m in mediators.items()],
        party_choices=[(pk, p.full_name) for pk, p in parties.items()],
    )
    if form.is_valid() and (
        run_service(
            form,
            mediator_services.declare_tie,
            actor=request.user,
            mediator=mediators[form.cleaned_data["mediator"]],
            party=parties[form.cleaned_data["party"]],
            description=form.cleaned_data["description"],
        )
        is not None
    ):
        return back_to_case(request, case, _("The tie is recorded."))
    return step_page(request, case, form, "workspace/steps/declare_tie.html")


@workspace_view
def schedule_meeting(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_work_on_case(request.user, case))
    form = step_form(request, case, forms.MeetingForm, case=case)
    if form.is_valid() and (
        run_service(
            form,
            mediator_services.schedule_meeting,
            actor=request.user,
            case=case,
            meeting_type=form.cleaned_data["meeting_type"],
            **form.place(),
        )
        is not None
    ):
        return back_to_case(request, case, _("The meeting is scheduled."))
    return step_page(request, case, form, "workspace/steps/schedule_meeting.html")


@workspace_view
def move_meeting(request: HttpRequest, reference: str, meeting_id: int) -> HttpResponse:
    """Another time or place for the scheduled meeting; the calendar file follows (same UID, next SEQUENCE)."""
    case = get_case_for(request.user, reference)
    require(rules.can_work_on_case(request.user, case))
    meeting = get_meeting_for(case, meeting_id)
    initial = forms.MeetingTimeAndPlaceForm.initial_of(meeting)
    form = step_form(request, case, forms.MeetingTimeAndPlaceForm, initial=initial, case=case)
    if form.is_valid() and (
        run_service(form, mediator_services.move_meeting, actor=request.user, meeting=meeting, **form.place())
        is not None
    ):
        return back_to_case(request, case, _("The meeting is moved."))
    return step_page(request, case, form, "workspace/steps/move_meeting.html", meeting=meeting)


@workspace_view
def record_meeting_result(request: HttpRequest, reference: str, meeting_id: int) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_work_on_case(request.user, case))
    meeting = get_meeting_for(case, meeting_id)
    form = step_form(request, case, forms.MeetingResultForm)
    if form.is_valid() and (
        run_service(
            form, mediator_services.record_meeting_result, actor=request.user, meeting=meeting, **form.cleaned_data
        )
        is not None
    ):
        return back_to_case(request, case, _("The meeting and its result are recorded."))
    return step_page(request, case, form, "workspace/steps/record_meeting_result.html")


@require_http_methods(["GET", "POST"])
@workspace_view
def cancel_meeting(request: HttpRequest, reference: str, meeting_id: int) -> HttpResponse:
    """Ask to confirm (with a reason), then cancel the meeting; its participants are e-mailed."""
    case = get_case_for(request.user, reference)
    require(rules.can_work_on_case(request.user, case))
    meeting = get_meeting_for(case, meeting_id)
    form = step_form(request, case, forms.CancelMeetingForm)
    if form.is_valid() and (
        run_service(
            form,
            mediator_services.cancel_meeting,
            actor=request.user,
            meeting=meeting,
            reason=form.cleaned_data["reason"],
        )
        is not None
    ):
        return back_to_case(request, case, _("The meeting is cancelled; the case is back in preparation."))
    return step_page(request, case, form, "workspace/steps/cancel_meeting.html", meeting=meeting)

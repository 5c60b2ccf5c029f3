"""One page per step on a case: each validates a form, calls one service and goes back to the case.

Every page works without JavaScript; a guard's refusal is shown as a form error and changes nothing.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

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
from .common import require, run_and_report, run_service, workspace_view


def _form_page(
    request: HttpRequest,
    case: Case,
    form: Any,
    *,
    title: Any,
    submit: Any,
    intro: Any = "",
    status: int = 200,
    danger: bool = False,
) -> HttpResponse:
    context = {
        "nav": "cases",
        "case": case,
        "form": form,
        "title": title,
        "submit": submit,
        "intro": intro,
        "danger": danger,
    }
    return render(request, "workspace/form_page.html", context, status=status)


def _step(
    request: HttpRequest,
    case: Case,
    form_class: Callable[..., Any],
    *,
    perform: Callable[[Any], Any],
    done: str,
    title: Any,
    submit: Any,
    intro: Any = "",
    initial: dict[str, Any] | None = None,
    form_kwargs: dict[str, Any] | None = None,
    danger: bool = False,
) -> HttpResponse:
    """GET shows the form; POST validates, calls the service through `perform`, and returns to the case."""
    form_kwargs = form_kwargs or {}
    page = {"title": title, "submit": submit, "intro": intro, "danger": danger}
    if request.method != "POST" or not case.is_open:  # a closed case shows why, for a POST too
        return _form_page(request, case, form_class(initial=initial, **form_kwargs), **page)
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid() and run_service(form, perform, form=form) is not None:
        messages.success(request, done)
        return redirect("workspace:case_page", reference=case.reference)
    return _form_page(request, case, form, status=400, **page)


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
    return _step(
        request,
        case,
        forms.AssessmentForm,
        perform=lambda form: case_services.assess_suitability(actor=request.user, case=case, **form.cleaned_data),
        done=_("The suitability decision is recorded."),
        title=gettext_lazy("Assess suitability"),
        intro=gettext_lazy(
            "The decision is the office's own. The parties must broadly agree on the facts, and safety comes first."
        ),
        submit=gettext_lazy("Record decision"),
    )


@workspace_view
def add_party(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_manage_case(request.user, case))
    return _step(
        request,
        case,
        forms.PartyForm,
        perform=lambda form: party_services.add_party(actor=request.user, case=case, data=form.to_input()),
        done=_("The party is added."),
        title=gettext_lazy("Add a party"),
        submit=gettext_lazy("Add party"),
    )


@workspace_view
def add_guardian(request: HttpRequest, reference: str, party_id: int) -> HttpResponse:
    case, party = _party(request, reference, party_id, manage=True)
    return _step(
        request,
        case,
        forms.GuardianForm,
        perform=lambda form: party_services.add_guardian(actor=request.user, party=party, data=form.to_input()),
        done=_("The guardian is added."),
        title=_("Add a guardian for %(name)s") % {"name": party.full_name},
        submit=gettext_lazy("Add guardian"),
    )


@workspace_view
def record_consent(request: HttpRequest, reference: str, party_id: int, guardian_id: int | None = None) -> HttpResponse:
    case, party = _party(request, reference, party_id, manage=True)
    participant = get_participant_for(party, guardian_id)
    who = participant.name
    return _step(
        request,
        case,
        forms.ConsentForm,
        perform=lambda form: party_services.record_consent(
            actor=request.user, participant=participant, **form.cleaned_data
        ),
        done=_("Consent from %(name)s is recorded.") % {"name": who},
        title=_("Record consent from %(name)s") % {"name": who},
        intro=gettext_lazy(
            "Consent must be informed and freely given. It can be withdrawn at any time, without a reason."
        ),
        submit=gettext_lazy("Record consent"),
        initial={"given_on": clock.today()},
    )


@workspace_view
def record_withdrawal(
    request: HttpRequest, reference: str, party_id: int, guardian_id: int | None = None
) -> HttpResponse:
    case, party = _party(request, reference, party_id)
    participant = get_participant_for(party, guardian_id)
    who = participant.name
    return _step(
        request,
        case,
        forms.WithdrawalForm,
        perform=lambda form: party_services.withdraw_consent(
            actor=request.user, participant=participant, reason=form.cleaned_data["reason"]
        ),
        done=_("The withdrawal is recorded and the case is closed as withdrawn."),
        title=_("Record that %(name)s withdraws") % {"name": who},
        intro=gettext_lazy(
            "Any party may withdraw at any time. The case closes as withdrawn at once, and the referrer is told it was not resolved."
        ),
        submit=gettext_lazy("Record withdrawal"),
        danger=True,
    )


@workspace_view
def record_preparation(request: HttpRequest, reference: str, party_id: int) -> HttpResponse:
    case, party = _party(request, reference, party_id)
    return _step(
        request,
        case,
        forms.PreparationTalkForm,
        perform=lambda form: party_services.record_preparation(actor=request.user, party=party, **form.cleaned_data),
        done=_("The preparatory talk with %(name)s is recorded.") % {"name": party.full_name},
        title=_("Preparatory talk with %(name)s") % {"name": party.full_name},
        intro=gettext_lazy("Each party is prepared alone: what happened, what they need, who comes with them."),
        submit=gettext_lazy("Record talk"),
        initial={"held_on": clock.today()},
    )


@workspace_view
def assign_mediator(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_manage_case(request.user, case))
    mediators = {m.pk: m for m in mediators_of_office(case.office_id)}
    return _step(
        request,
        case,
        forms.AssignMediatorForm,
        perform=lambda form: mediator_services.assign_mediator(
            actor=request.user, case=case, mediator=mediators[form.cleaned_data["mediator"]]
        ),
        done=_("The mediator is assigned."),
        title=gettext_lazy("Assign a mediator"),
        intro=gettext_lazy(
            "One or two impartial mediators. A mediator who has declared a tie to a party cannot be assigned."
        ),
        submit=gettext_lazy("Assign"),
        form_kwargs={"mediator_choices": [(m.pk, str(m)) for m in mediators.values()]},
    )


@require_POST
@workspace_view
def unassign_mediator(request: HttpRequest, reference: str, mediator_id: int) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_manage_case(request.user, case))
    assignment = active_assignments(case).filter(mediator_id=mediator_id).first()
    if assignment is not None:
        run_and_report(
            request,
            mediator_services.unassign_mediator,
            actor=request.user,
            case=case,
            mediator=assignment.mediator,
            done=_("The mediator is taken off the case."),
        )
    return redirect("workspace:case_page", reference=case.reference)


@workspace_view
def declare_tie(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_work_on_case(request.user, case))
    mediators = {m.pk: m for m in mediators_of_office(case.office_id)}
    if not rules.can_manage_case(request.user, case):
        mediators = {request.user.pk: request.user}  # a mediator declares only their own ties
    parties = {p.pk: p for p in parties_for(case)}
    return _step(
        request,
        case,
        forms.TieForm,
        perform=lambda form: mediator_services.declare_tie(
            actor=request.user,
            mediator=mediators[form.cleaned_data["mediator"]],
            party=parties[form.cleaned_data["party"]],
            description=form.cleaned_data["description"],
        ),
        done=_("The tie is recorded."),
        title=gettext_lazy("Declare a tie to a party"),
        intro=gettext_lazy(
            "A mediator with a tie to a party cannot mediate in the case; one already assigned is taken off it."
        ),
        submit=gettext_lazy("Record tie"),
        form_kwargs={
            "mediator_choices": [(pk, str(m)) for pk, m in mediators.items()],
            "party_choices": [(pk, p.full_name) for pk, p in parties.items()],
        },
    )


@workspace_view
def schedule_meeting(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_work_on_case(request.user, case))
    return _step(
        request,
        case,
        forms.MeetingForm,
        perform=lambda form: mediator_services.schedule_meeting(
            actor=request.user,
            case=case,
            meeting_type=form.cleaned_data["meeting_type"],
            starts_at=form.cleaned_data["starts_at"],
            duration_minutes=form.cleaned_data["duration_minutes"],
            location=form.cleaned_data["location"],
            video_link=form.cleaned_data["video_link"],
        ),
        done=_("The meeting is scheduled."),
        title=gettext_lazy("Schedule the meeting"),
        intro=gettext_lazy(
            "Possible once every party, and every guardian of a minor, has consented and had a preparatory talk."
        ),
        submit=gettext_lazy("Schedule meeting"),
    )


@workspace_view
def record_meeting_result(request: HttpRequest, reference: str, meeting_id: int) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_work_on_case(request.user, case))
    meeting = get_meeting_for(case, meeting_id)
    return _step(
        request,
        case,
        forms.MeetingResultForm,
        perform=lambda form: mediator_services.record_meeting_result(
            actor=request.user, meeting=meeting, **form.cleaned_data
        ),
        done=_("The meeting and its result are recorded."),
        title=gettext_lazy("Record the meeting"),
        intro=gettext_lazy("An agreement is written down only if every party agrees to it, of their own free will."),
        submit=gettext_lazy("Record meeting"),
    )


@require_POST
@workspace_view
def cancel_meeting(request: HttpRequest, reference: str, meeting_id: int) -> HttpResponse:
    case = get_case_for(request.user, reference)
    require(rules.can_work_on_case(request.user, case))
    meeting = get_meeting_for(case, meeting_id)
    run_and_report(
        request,
        mediator_services.cancel_meeting,
        actor=request.user,
        meeting=meeting,
        done=_("The meeting is cancelled; the case is back in preparation."),
    )
    return redirect("workspace:case_page", reference=case.reference)

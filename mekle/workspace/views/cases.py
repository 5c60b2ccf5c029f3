"""The case list, the case page and the party page."""

from typing import cast

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from mekle.access import rules
from mekle.access.case_list import case_list, list_rows
from mekle.access.counts import count_cases
from mekle.access.decorators import logs_access
from mekle.access.lookups import get_case_for, get_party_for
from mekle.accounts.models import Role
from mekle.agreements.selectors import awaiting_approval_for
from mekle.cases import events as cases_events
from mekle.cases import lifecycle
from mekle.cases.models import Case
from mekle.cases.selectors import ReferrerOutcome, case_timeline, referrer_outcome
from mekle.lib import clock
from mekle.mediators.selectors import mediator_choices_of_office, meetings_by_id, next_meetings_for
from mekle.notices.selectors import open_notices_for
from mekle.parties.selectors import (
    invitations_of,
    party_with_history,
    people_with_portal_access,
    preparation_answers_of,
)

from .. import panels, presenters
from .common import staff_user, workspace_view


@require_GET
@workspace_view
@logs_access("case_list")
def case_list_page(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    assert user.office_id is not None
    mediator_choices = mediator_choices_of_office(user.office_id)
    # Offices are independent in individual cases: staff see their own office's cases only.
    office_choices = [(user.office_id, str(user.office))]
    filter_panel = presenters.case_filter_panel(request.GET, mediator_choices, office_choices)
    cases = case_list(user, filter_panel.filters)
    today = clock.today()
    paginator = Paginator(cases, settings.MEKLE_CASES_PER_PAGE)
    paginator.count = count_cases(user, filter_panel.filters, cases)  # instead of its own count()
    page = paginator.get_page(request.GET.get("page"))
    listed = list_rows(cast(QuerySet[Case], page.object_list))  # the page's slice of `cases`
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    context = {
        "nav": "cases",
        "filter_panel": filter_panel,
        "page": page,
        "rows": (rows := presenters.case_rows(listed, today)),
        "rows_html": presenters.case_rows_html(rows),
        "today": today,
        "query_string": query_without_page.urlencode(),
        "next_meetings": next_meetings_for(user) if user.role == Role.MEDIATOR else None,
        "awaiting_approval": awaiting_approval_for(user) if user.role == Role.MEDIATOR and not request.htmx else None,  # type: ignore[attr-defined]  # django-htmx
        "notices": open_notices_for(user) if not request.htmx else [],  # type: ignore[attr-defined]  # django-htmx
    }
    template = "workspace/_case_table.html" if request.htmx else "workspace/case_list.html"  # type: ignore[attr-defined]  # django-htmx middleware
    return render(request, template, context)


@require_GET
@workspace_view
@logs_access("case_page")
def case_page(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    events = case_timeline(case)
    facts = lifecycle.fold_facts(events, kinds=cases_events.EVENT_KINDS, today=clock.today())
    event_kinds = {event.kind for event in events}
    context = {
        "nav": "cases",
        "case": case,
        "parties": presenters.party_rows(case, facts),
        "mediators": facts.mediators,
        "meetings": presenters.meeting_rows(case, facts, meetings_by_id(case) if facts.meetings else {}),
        "timeline": presenters.timeline_rows(events),
        "next_steps": presenters.next_steps(
            case, facts, lifecycle.available_transitions(case.status, facts, case_type=case.case_type)
        ),
        "outcome": referrer_outcome(events),
        "outcome_labels": ReferrerOutcome.LABELS,
        "can_manage": rules.can_manage_case(request.user, case),
        "agreement": panels.agreement_panel(request.user, case, event_kinds),
        "documents_panel": panels.staff_documents(case, event_kinds),
        "journal_shares": panels.journal_shares(case, event_kinds),
        "today": clock.today(),
    }
    template = "workspace/_timeline.html" if request.htmx else "workspace/case_page.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@require_GET
@workspace_view
@logs_access("party_page")
def party_page(request: HttpRequest, reference: str, party_id: int) -> HttpResponse:
    case = get_case_for(request.user, reference)
    party = party_with_history(get_party_for(case, party_id))
    invitations, now = invitations_of(party), clock.now()
    context = {
        "nav": "cases",
        "case": case,
        "party": party,
        "can_manage": rules.can_manage_case(request.user, case),
        "can_end_access": rules.can_end_portal_access(request.user, case),
        "can_correct": rules.can_correct_contact_details(request.user, case),
        "minor": party.is_minor_on(clock.today()),
        "answers": preparation_answers_of(party),
        "invitations": invitations,
        "with_portal_access": people_with_portal_access(party, invitations, now),
        "now": now,
    }
    return render(request, "workspace/party_page.html", context)

"""Plain Django pages of the same shape as the case list and the case page, for comparison.

What a conventional Django app would write: a filtered, sorted, paginated queryset of 25 cases with
their parties and mediators prefetched, and a case with its events, each rendered by a template
loop. No sign-in, no permission filter, no access log, nothing kept. Served only by the bench.
"""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from mekle.cases.models import Case, CaseEvent
from mekle.mediators.models import Assignment

SORTS = {
    "received": ("-received_on", "-id"),
    "oldest": ("received_on", "id"),
    "reference": ("reference",),
    "due": ("due_on", "id"),
    "status": ("status", "-received_on", "-id"),
}


def case_list(request: HttpRequest) -> HttpResponse:
    cases = Case.objects.all()
    if office := request.GET.get("office"):
        cases = cases.filter(office_id=int(office))
    if status := request.GET.get("status"):
        cases = cases.filter(status=status)
    cases = cases.order_by(*SORTS.get(request.GET.get("sort", ""), SORTS["received"])).prefetch_related(
        "parties", Prefetch("assignments", queryset=Assignment.objects.select_related("mediator"))
    )
    page = Paginator(cases, 25).get_page(request.GET.get("page"))
    return render(request, "bench/plain_list.html", {"page": page})


def case_page(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("office"), reference=reference)
    events = CaseEvent.objects.filter(case=case).select_related("actor").order_by("-sequence")
    return render(request, "bench/plain_case.html", {"case": case, "parties": case.parties.all(), "events": events})

"""A party's or guardian's list of when the staff opened their case, and in which role (GDPR Art. 15)."""

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from mekle.access import rules
from mekle.access.decorators import logs_access
from mekle.access.lookups import get_own_participant_for
from mekle.access.selectors import staff_reads_of
from mekle.accounts.models import Role

from .common import portal_view

READS_PER_PAGE = 50

# What was opened, in words a party knows. Never a name: staff names are not shown (C-579/21 lets
# the service keep who read to itself), and another party's page is never listed.
PAGE_WORDS: dict[str, Promise] = {
    "case_page": gettext_lazy("The case page"),
    "party_page": gettext_lazy("Your details"),
    "agreement": gettext_lazy("The agreement"),
    "agreement_version": gettext_lazy("The agreement"),
    "agreement_document": gettext_lazy("An agreement document"),
    "messages": gettext_lazy("The messages"),
    "follow_up": gettext_lazy("The follow-up of the agreement"),
}
OTHER_PAGE = gettext_lazy("A page of the case")
SOME_STAFF = gettext_lazy("A member of staff")


@dataclass(frozen=True)
class StaffRead:
    """One row of the list: when, in which role, and what."""

    occurred_at: dt.datetime
    role: str
    page: str


def role_in_words(role: str) -> str:
    """Saksbehandler, Mekler, Leder, Administrator; an account since deleted reads as staff."""
    return str(Role(role).label) if role in Role.values else str(SOME_STAFF)


@portal_view
@require_GET
@logs_access("portal_access_log")
def access_log(request: HttpRequest, reference: str) -> HttpResponse:
    participant = get_own_participant_for(request.user, reference)
    if not rules.can_read_access_log(request.user, participant):
        raise Http404("No such case")
    page = Paginator(staff_reads_of(participant), READS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        StaffRead(
            occurred_at=entry.occurred_at,
            role=role_in_words(entry.reader_role),
            page=str(PAGE_WORDS.get(entry.what, OTHER_PAGE)),
        )
        for entry in page.object_list
    ]
    context = {"nav": "portal", "participant": participant, "case": participant.case, "page": page, "rows": rows}
    return render(request, "portal/access_log.html", context)

"""What a person may see: the cases visible to them, and the case list built on that."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import DateTimeField, Exists, F, OuterRef, Q, QuerySet, Value

from mekle.accounts import display_name
from mekle.accounts.models import Role
from mekle.cases.models import CLOSED_STATUSES, PRE_MEETING_STATUSES, Case, is_overdue
from mekle.lib import clock
from mekle.mediators.models import Assignment
from mekle.parties.models import Guardian, Party


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """Caseworkers see their office's cases; mediators the cases assigned to them; others none."""
    if not (user.is_authenticated and user.is_active and user.office_id):
        return Case.objects.none()
    if user.role == Role.CASEWORKER:
        return Case.objects.filter(office_id=user.office_id)
    if user.role == Role.MEDIATOR:
        assigned = Assignment.objects.filter(case=OuterRef("pk"), mediator=user, ended_at__isnull=True)
        return Case.objects.filter(Exists(assigned))
    return Case.objects.none()


SORTS = {
    "received": ("-received_on", "-id"),
    "oldest": ("received_on", "id"),
    "reference": ("reference",),
    "due": ("due_on", "id"),
    "status": ("status", "-received_on", "-id"),
}


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    case_type: str = ""
    office_id: int | None = None
    mediator_id: int | None = None
    overdue: bool = False
    open_only: bool = False
    query: str = ""
    sort: str = "received"


def case_list(user: Any, filters: CaseFilters) -> QuerySet[Case]:
    """The cases `user` may see, filtered and sorted: one page of it is read with `with_list_names`.

    Every sort in SORTS has an index that starts with the office (see ``Case.Meta.indexes``), so a
    page is read in order without sorting every matching case.
    """
    cases = cases_visible_to(user)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.open_only:
        cases = cases.exclude(status__in=CLOSED_STATUSES)
    if filters.case_type:
        cases = cases.filter(case_type=filters.case_type)
    if filters.office_id:
        cases = cases.filter(office_id=filters.office_id)
    if filters.mediator_id:
        by_mediator = Assignment.objects.filter(
            case=OuterRef("pk"), mediator_id=filters.mediator_id, ended_at__isnull=True
        )
        cases = cases.filter(Exists(by_mediator))
    if filters.overdue:
        cases = cases.filter(status__in=PRE_MEETING_STATUSES, due_on__lt=clock.today())
    if filters.query:
        q = filters.query.strip()
        named = Party.objects.filter(case=OuterRef("pk"), full_name__icontains=q)
        cases = cases.filter(Q(reference__icontains=q) | Exists(named))
    return cases.order_by(*SORTS.get(filters.sort, SORTS["received"]))


@dataclass
class CaseListRow:
    """A case as a row of the case list: the columns it shows, and the names of its people."""

    id: int
    reference: str
    case_type: str
    status: str
    received_on: dt.date
    due_on: dt.date
    party_names: list[str] = field(default_factory=list)  # in the order the parties were added
    mediator_names: list[str] = field(default_factory=list)  # the active mediators, as assigned

    def is_overdue(self, today: dt.date) -> bool:
        return is_overdue(self.status, self.due_on, today)


LIST_COLUMNS = ("pk", "reference", "case_type", "status", "received_on", "due_on")


def list_rows(cases: QuerySet[Case]) -> list[CaseListRow]:
    """The rows of `cases` (a page of ``case_list``): two queries for any number of cases.

    The cases are read as plain values (a list row needs six columns, not a model), and the
    parties' and the mediators' names come as one UNION of plain tuples, in the order the parties
    were added and the mediators assigned.
    """
    rows = [CaseListRow(*values) for values in cases.values_list(*LIST_COLUMNS)]
    by_id = {row.id: row for row in rows}
    if not by_id:
        return rows
    columns = ("k", "c", "m", "i", "f", "l", "u")
    parties = (
        Party.objects.filter(case_id__in=by_id)
        .annotate(
            k=Value(0),
            c=F("case_id"),
            m=Value(None, output_field=DateTimeField()),
            i=F("id"),
            f=F("full_name"),
            l=Value(""),
            u=Value(""),
        )
        .values_list(*columns)
        .order_by()
    )
    mediators = (
        Assignment.objects.filter(case_id__in=by_id, ended_at__isnull=True)
        .annotate(
            k=Value(1),
            c=F("case_id"),
            m=F("assigned_at"),
            i=F("id"),
            f=F("mediator__first_name"),
            l=F("mediator__last_name"),
            u=F("mediator__username"),
        )
        .values_list(*columns)
        .order_by()
    )
    for kind, case_id, _moment, _id, first, last, username in parties.union(mediators, all=True).order_by(
        "k", "m", "i"
    ):
        if kind == 0:
            by_id[case_id].party_names.append(first)
        else:
            by_id[case_id].mediator_names.append(display_name(first, last, username))
    return rows


@dataclass(frozen=True)
class Membership:
    """A portal user's place in one case: as the party, or as a guardian of a minor party."""

    case: Case
    party: Party
    guardian: Guardian | None = None

    @property
    def name(self) -> str:
        return self.guardian.full_name if self.guardian else self.party.full_name


def memberships_of(user: Any) -> list[Membership]:
    """Every case a portal user belongs to, newest first; nothing for anyone else."""
    if not (user.is_authenticated and user.is_active and user.role == Role.PARTY):
        return []
    as_party = [
        Membership(case=p.case, party=p) for p in Party.objects.filter(user=user).select_related("case__office")
    ]
    as_guardian = [
        Membership(case=g.party.case, party=g.party, guardian=g)
        for g in Guardian.objects.filter(user=user).select_related("party__case__office")
    ]
    seen: set[int] = set()
    unique = []
    for membership in as_party + as_guardian:
        if membership.case.pk not in seen:
            seen.add(membership.case.pk)
            unique.append(membership)
    return sorted(unique, key=lambda m: (m.case.received_on, m.case.pk), reverse=True)

"""What a person may see: the cases visible to them, and the case list built on that."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from mekle.accounts.models import Role
from mekle.cases.models import CLOSED_STATUSES, PRE_MEETING_STATUSES, Case
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
    """The cases `user` may see, filtered and sorted, with what a list row shows already loaded."""
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
    return (
        cases.select_related("office")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.only("id", "case_id", "full_name", "role").order_by("id")),
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(ended_at__isnull=True).select_related("mediator"),
                to_attr="active_assignments",
            ),
        )
        .order_by(*SORTS.get(filters.sort, SORTS["received"]))
    )


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

"""What a person may see: the cases visible to them, and a portal user's places in cases."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from mekle.accounts.models import Role
from mekle.cases.models import Case
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

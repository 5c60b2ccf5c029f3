"""What a person may see: the cases visible to them, and a portal user's places in cases."""

from django.db.models import Exists, OuterRef, QuerySet

from mekle.accounts.models import Role
from mekle.accounts.types import Actor
from mekle.cases.models import Case
from mekle.mediators.models import Assignment
from mekle.parties.models import Guardian, Party
from mekle.parties.participants import Participant


def cases_visible_to(user: Actor) -> QuerySet[Case]:
    """Caseworkers see their office's cases; mediators the cases assigned to them; others none."""
    if not (user.is_authenticated and user.is_active and user.office_id):
        return Case.objects.none()
    if user.role == Role.CASEWORKER:
        return Case.objects.filter(office_id=user.office_id)
    if user.role == Role.MEDIATOR:
        assigned = Assignment.objects.filter(case=OuterRef("pk"), mediator=user, ended_at__isnull=True)
        return Case.objects.filter(Exists(assigned))
    return Case.objects.none()


def participants_of(user: Actor) -> list[Participant]:
    """A portal user's place in each case they belong to (as the party, or as a guardian of a minor
    party), newest case first; nothing for anyone else."""
    if not (user.is_authenticated and user.is_active and user.role == Role.PARTY):
        return []
    as_party = [Participant(p) for p in Party.objects.filter(user=user).select_related("case__office")]
    as_guardian = [
        Participant(g.party, g) for g in Guardian.objects.filter(user=user).select_related("party__case__office")
    ]
    seen: set[int] = set()
    unique = []
    for participant in as_party + as_guardian:
        if participant.case_id not in seen:
            seen.add(participant.case_id)
            unique.append(participant)
    return sorted(unique, key=lambda p: (p.case.received_on, p.case_id), reverse=True)

"""What a person may see: the cases visible to them, and a portal user's places in cases."""

from typing import TYPE_CHECKING, TypedDict

from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf

from mekle.accounts.models import Role
from mekle.accounts.types import Actor
from mekle.cases.models import Case
from mekle.mediators.models import Assignment
from mekle.parties.models import Guardian, Party
from mekle.parties.participants import Participant

from .models import AccessLogEntry


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


class _ReaderRole(TypedDict):
    reader_role: str


if TYPE_CHECKING:  # the alias takes its second argument only in the stubs
    from django_stubs_ext import WithAnnotations

    StaffRead = WithAnnotations[AccessLogEntry, _ReaderRole]


def staff_reads_of(participant: Participant) -> "QuerySet[StaffRead]":
    """When the staff opened the pages of a participant's case, newest first (GDPR Art. 15, CJEU C-579/21).

    Each row carries `reader_role`: the role the reader had then, or, for a row written before roles
    were kept, the reader's role now (empty when the account is gone). The parties' and guardians'
    own portal reads are not staff reads, and a row that names a person (a party's page) counts
    only for that party and their guardians: Ola sees when Kari's page was opened no more than
    he sees Kari's page.
    """
    own_party = str(participant.party.pk)
    return (
        AccessLogEntry.objects.filter(case_reference=participant.case.reference)
        .exclude(what__startswith="portal_")
        .exclude(~Q(object_id__in=["", own_party]))
        .annotate(reader_role=Coalesce(NullIf("role", Value("")), "user__role", Value("")))
        .exclude(reader_role__in=[Role.PARTY, Role.JOURNAL])
        .only("occurred_at", "what")
        .order_by("-occurred_at", "-pk")
    )

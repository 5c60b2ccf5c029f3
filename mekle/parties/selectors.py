"""Reads about the people in a case."""

import datetime as dt

from django.conf import settings
from django.db.models import Prefetch, Q, prefetch_related_objects

from mekle.cases.models import OPEN_STATUSES
from mekle.lib import clock

from .models import Consent, Guardian, Party, PortalInvitation, Preparation, PreparationAnswers, Withdrawal
from .participants import Participant


def party_with_history(party: Party) -> Party:
    """`party` with its guardians, consents (with guardian), withdrawals and preparatory talks loaded."""
    prefetch_related_objects(
        [party],
        "guardians",
        Prefetch("consents", queryset=Consent.objects.select_related("guardian", "recorded_by").order_by("id")),
        Prefetch("withdrawals", queryset=Withdrawal.objects.select_related("guardian", "recorded_by").order_by("id")),
        Prefetch("preparations", queryset=Preparation.objects.select_related("recorded_by").order_by("held_on", "id")),
    )
    return party


def has_consented(participant: Participant) -> bool:
    """Whether this person (the party, or one guardian of theirs) has a consent not withdrawn."""
    return Consent.objects.filter(
        party=participant.party, guardian=participant.guardian, withdrawn_at__isnull=True
    ).exists()


def has_withdrawn(participant: Participant) -> bool:
    """Whether this very person (the party, or this guardian of theirs) withdrew; not someone else."""
    return Withdrawal.objects.filter(party=participant.party, guardian=participant.guardian).exists()


def own_preparation_answers(participant: Participant) -> PreparationAnswers | None:
    return PreparationAnswers.objects.filter(party=participant.party, guardian=participant.guardian).first()


def preparation_answers_of(party: Party) -> list[PreparationAnswers]:
    """Every answer set given for a party (their own and their guardians'), for the case's staff."""
    return list(PreparationAnswers.objects.filter(party=party).select_related("guardian").order_by("id"))


def invitations_of(party: Party) -> list[PortalInvitation]:
    return list(PortalInvitation.objects.filter(party=party).select_related("guardian").order_by("-created_at", "-id"))


def people_with_portal_access(
    party: Party, invitations: list[PortalInvitation], moment: dt.datetime
) -> list[Participant]:
    """The party and its guardians who can reach the portal now: with an account or a link that still works.

    `party` comes from `party_with_history` (guardians loaded) and `invitations` from `invitations_of`;
    the participants are for the "end access" buttons.
    """
    with_link = {invitation.guardian_id for invitation in invitations if invitation.state_at(moment) == "active"}
    people = [Participant(party), *(Participant(party, guardian) for guardian in party.guardians.all())]
    return [p for p in people if p.person.user_id is not None or p.guardian_id in with_link]


def people_reachable_at(email: str) -> list[Participant]:
    """The parties and guardians a requested link may go to at `email` (any case of letters).

    Only people who have had portal access (staff decide who hears of a case first), whose access
    staff have not ended, in cases that are open or closed within MEKLE_LINK_REQUEST_CLOSED_DAYS
    (a person must still be able to read what happened after the end).
    """
    since = clock.now() - dt.timedelta(days=settings.MEKLE_LINK_REQUEST_CLOSED_DAYS)
    address = email.strip()
    reachable = {"email__iexact": address, "user__isnull": False, "portal_access_ended_at__isnull": True}
    parties = Party.objects.filter(
        Q(case__status__in=OPEN_STATUSES) | Q(case__closed_at__gte=since), **reachable
    ).order_by("pk")
    guardians = (
        Guardian.objects.filter(
            Q(party__case__status__in=OPEN_STATUSES) | Q(party__case__closed_at__gte=since), **reachable
        )
        .select_related("party")
        .order_by("pk")
    )
    return [Participant(party) for party in parties] + [Participant(guardian.party, guardian) for guardian in guardians]

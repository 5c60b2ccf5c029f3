"""Reads about the people in a case."""

from django.db.models import Prefetch, prefetch_related_objects

from .models import Consent, Guardian, Party, PortalInvitation, Preparation, PreparationAnswers, Withdrawal


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


def active_guardian_consent_ids(party: Party) -> set[int | None]:
    return {c.guardian_id for c in party.consents.all() if c.withdrawn_at is None}


def has_consented(party: Party, guardian: Guardian | None = None) -> bool:
    """Whether this person (the party, or one guardian of theirs) has a consent not withdrawn."""
    return Consent.objects.filter(party=party, guardian=guardian, withdrawn_at__isnull=True).exists()


def has_withdrawn(party: Party, guardian: Guardian | None = None) -> bool:
    """Whether this very person (the party, or this guardian of theirs) withdrew; not someone else."""
    return Withdrawal.objects.filter(party=party, guardian=guardian).exists()


def own_preparation_answers(party: Party, guardian: Guardian | None = None) -> PreparationAnswers | None:
    return PreparationAnswers.objects.filter(party=party, guardian=guardian).first()


def preparation_answers_of(party: Party) -> list[PreparationAnswers]:
    """Every answer set given for a party (their own and their guardians'), for the case's staff."""
    return list(PreparationAnswers.objects.filter(party=party).select_related("guardian").order_by("id"))


def invitations_of(party: Party) -> list[PortalInvitation]:
    return list(PortalInvitation.objects.filter(party=party).select_related("guardian").order_by("-created_at", "-id"))

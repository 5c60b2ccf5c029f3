"""Reads about the people in a case."""

from django.db.models import Prefetch, prefetch_related_objects

from .models import Consent, Party, Preparation, Withdrawal


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

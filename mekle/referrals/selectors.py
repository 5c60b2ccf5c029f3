"""Reads for referring organisations: a referral's status in their terms, and their outcomes in order."""

import datetime as dt
from typing import Any

from mekle.cases import events as cases_events
from mekle.cases.models import CLOSED_STATUSES, Case, CaseEvent, Status
from mekle.cases.selectors import referrer_outcome

from .models import ApiKey, OutcomeDelivery, ReferrerOrganisation


def referral_status(case: Case) -> str:
    """`received`, `in_progress` or `closed`: what a referrer needs, never the service's inner steps."""
    if case.status == Status.RECEIVED:
        return "received"
    return "closed" if case.status in CLOSED_STATUSES else "in_progress"


def referral_for(api_key: ApiKey, reference: str) -> Case | None:
    """The case the key's organisation referred, at an office in the key's scope; None for any other."""
    return (
        Case.objects.select_related("office")
        .filter(
            reference=reference, api_referral__organisation_id=api_key.organisation_id, office__in=api_key.offices.all()
        )
        .first()
    )


def referral_receipt(case: Case) -> dict[str, Any]:
    """What the API answers when a referral is received (and again, unchanged, to a retry)."""
    return {
        "id": case.reference,
        "status": "received",
        "case_type": case.case_type,
        "office": case.office.code,
        "referrer_reference": case.referrer_reference,
        "received_on": case.received_on.isoformat(),
    }


def referral_summary(case: Case) -> dict[str, Any]:
    """A referral as its referrer may see it: status and outcome, no names, notes or contact details."""
    events = (
        CaseEvent.objects.filter(case=case, kind=cases_events.STATUS_CHANGED.name)
        .only("kind", "payload")
        .order_by("sequence")
    )
    status = referral_status(case)
    return {
        "id": case.reference,
        "status": status,
        "outcome": referrer_outcome(events) if status == "closed" else None,
        "case_type": case.case_type,
        "office": case.office.code,
        "referrer_reference": case.referrer_reference,
        "received_on": case.received_on.isoformat(),
        "closed_at": case.closed_at.isoformat() if case.closed_at else None,
    }


def outcomes_for(organisation: ReferrerOrganisation, *, after_id: int = 0, limit: int = 100) -> list[OutcomeDelivery]:
    """The organisation's outcomes after the cursor `after_id`, oldest first."""
    return list(OutcomeDelivery.objects.filter(organisation=organisation, pk__gt=after_id).order_by("pk")[:limit])


def last_outcome_before(organisation: ReferrerOrganisation, moment: dt.datetime) -> int:
    """The cursor that starts at `moment`: the id of the organisation's last outcome created before it."""
    last = (
        OutcomeDelivery.objects.filter(organisation=organisation, created_at__lt=moment)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return last or 0

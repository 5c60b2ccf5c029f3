"""Outcomes for referring organisations: the outbox rows, their signed webhooks, retries with back-off."""

import datetime as dt
import hashlib
import hmac
import urllib.request
from typing import Any

from django.conf import settings

from mekle.agreements import events as agreements_events
from mekle.cases import events as cases_events
from mekle.cases.models import CLOSED_STATUSES, Case, CaseEvent
from mekle.cases.selectors import referrer_outcome
from mekle.lib import clock
from mekle.lib.hashing import canonical_json
from mekle.outbox.pause import pause_point
from mekle.outbox.services import claimable, record_with_retry

from ..models import ApiReferral, DeliveryStatus, OutcomeDelivery
from ..selectors import referral_status

OUTCOME_KINDS = frozenset(
    kind.name
    for kind in (
        cases_events.STATUS_CHANGED,
        agreements_events.AGREEMENT_APPROVED,
        agreements_events.FOLLOW_UP_CONCLUDED,
    )
)


def _outcome_kind(event: CaseEvent) -> str | None:
    if event.kind == cases_events.STATUS_CHANGED.name:
        return "case_closed" if event.payload.get("to_status") in CLOSED_STATUSES else None
    return event.kind if event.kind in OUTCOME_KINDS else None


def _body(case: Case, event: CaseEvent, kind: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": f"{case.reference}.{event.sequence}",
        "type": kind,
        "referral": case.reference,
        "referrer_reference": case.referrer_reference,
        "occurred_at": event.occurred_at.isoformat(),
        "status": referral_status(case),
        "outcome": referrer_outcome([event]) if kind == "case_closed" else None,
    }
    if kind == "case_closed":
        # The stage it closed at: for a withdrawal, how far the mediation had come ("meeting_scheduled").
        body["stage"] = event.payload.get("from_status")
    if kind == agreements_events.FOLLOW_UP_CONCLUDED.name:
        body["fulfilled"] = bool(event.payload.get("fulfilled"))
    return body


def record_outcomes_for(case: Case) -> list[OutcomeDelivery]:
    """Create the deliveries for `case`'s outcome events not yet in the outbox; call inside its transaction.

    Safe to call again: it starts after the last event already in the outbox.
    """
    referral = ApiReferral.objects.select_related("organisation").filter(case=case).first()
    if referral is None:
        return []
    organisation = referral.organisation
    last = (
        OutcomeDelivery.objects.filter(case=case).order_by("-event_sequence").values_list("event_sequence", flat=True)
    ).first() or 0
    events = CaseEvent.objects.filter(case=case, sequence__gt=last, kind__in=OUTCOME_KINDS).order_by("sequence")
    created = []
    for event in events:
        kind = _outcome_kind(event)
        if kind is None:
            continue
        created.append(
            OutcomeDelivery.objects.create(
                organisation=organisation,
                case=case,
                event_sequence=event.sequence,
                kind=kind,
                body=_body(case, event, kind),
                status=DeliveryStatus.PENDING if organisation.webhook_url else DeliveryStatus.POLL_ONLY,
                created_at=clock.now(),
            )
        )
    return created


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    """``t=<unix>,v1=<hex>``: HMAC-SHA256 with the organisation's secret over ``timestamp + "." + body``."""
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def retry_delay(attempts: int) -> dt.timedelta:
    """1, 2, 4 … minutes, doubling, at most 12 hours between attempts."""
    return dt.timedelta(minutes=min(2 ** (attempts - 1), 12 * 60))


def _post(url: str, body: bytes, signature: str, delivery_id: str) -> int:
    request = urllib.request.Request(  # noqa: S310  (the URL is an administrator's https/http setting)
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Mekle-Signature": signature,
            "Mekle-Delivery-Id": delivery_id,
            "User-Agent": "Mekle-Webhook/1",
        },
    )
    with urllib.request.urlopen(request, timeout=settings.MEKLE_WEBHOOK_TIMEOUT_SECONDS) as response:  # noqa: S310
        status: int = response.status
        return status


def attempt_delivery(*, delivery_id: int) -> OutcomeDelivery | None:
    """POST one pending delivery to its organisation's webhook; record success, or when to try again.

    The outbox protocol (mekle.outbox.services): a compare-and-set claim, committed before the POST,
    so two workers never send it at once and no lock is held while the receiver answers; the result
    is recorded in a transaction of its own, tried again if that commit fails, so an accepted POST
    is not repeated; a delivered row is never sent again. Returns None if there was nothing to send.
    """
    now = clock.now()
    claimed = OutcomeDelivery.objects.filter(claimable(now), pk=delivery_id, status=DeliveryStatus.PENDING).update(
        claimed_until=now + dt.timedelta(seconds=settings.MEKLE_OUTBOX_CLAIM_SECONDS)
    )
    if not claimed:
        return None
    delivery = OutcomeDelivery.objects.select_related("organisation").get(pk=delivery_id)
    organisation = delivery.organisation
    body = canonical_json(delivery.body).encode()
    pause_point("webhook.before_send")
    try:
        status = _post(
            organisation.webhook_url,
            body,
            signature_header(organisation.webhook_secret, int(now.timestamp()), body),
            str(delivery.body.get("id", "")),
        )
        error = "" if 200 <= status < 300 else f"HTTP {status}"
    except Exception as exc:  # noqa: BLE001  (a refused connection, a timeout, a 5xx: all retried later)
        error = repr(exc)[:300]
    pause_point("webhook.after_send")

    delivery.attempts += 1
    delivery.claimed_until = None
    if not error:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at, delivery.last_error = (
            DeliveryStatus.DELIVERED,
            clock.now(),
            None,
            "",
        )
    elif delivery.attempts >= settings.MEKLE_WEBHOOK_MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at, delivery.last_error = DeliveryStatus.FAILED, None, error
    else:
        delivery.next_attempt_at, delivery.last_error = now + retry_delay(delivery.attempts), error

    def record() -> OutcomeDelivery:
        delivery.save(
            update_fields=["status", "attempts", "delivered_at", "next_attempt_at", "last_error", "claimed_until"]
        )
        return delivery

    return record_with_retry(record, what=f"outcome delivery {delivery.pk}")


def due_deliveries(now: dt.datetime) -> list[int]:
    """Pending deliveries nobody holds whose next attempt is due (or never tried): for the sweep."""
    pending = OutcomeDelivery.objects.filter(claimable(now), status=DeliveryStatus.PENDING)
    return list(pending.filter(next_attempt_at__lte=now).values_list("pk", flat=True)) + list(
        pending.filter(next_attempt_at__isnull=True).values_list("pk", flat=True)
    )

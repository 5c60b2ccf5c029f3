"""Writes to cases and their timeline. Every function runs in one transaction and records events."""

import base64
import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from mekle.lib import clock
from mekle.lib.actors import BaseActor
from mekle.lib.hashing import canonical_json

from . import checkpoints, lifecycle
from . import events as cases_events
from .chain import CHAIN_VERSION, digest_of, event_hash
from .models import CLOSED_STATUSES, Case, CaseEvent, ReferenceCounter, SafetyRisk, SuitabilityAssessment, Visibility
from .signals import case_event_recorded


def lock_case(case: Case) -> Case:
    """Re-read `case` with a row lock; call inside a transaction before changing it."""
    return Case.objects.select_for_update().select_related("office").get(pk=case.pk)


def actor_id_of(actor: BaseActor | None) -> int | None:
    """The user an event or a row records as having acted: none for the system or a visitor not signed in."""
    return actor.pk if actor is not None and actor.is_authenticated else None


def record_event(
    *,
    case: Case,
    kind: cases_events.EventKind,
    actor: BaseActor | None = None,
    payload: Mapping[str, Any] | None = None,
    visibility: str = Visibility.STAFF,
) -> CaseEvent:
    """Append one event to `case`'s chain. The caller holds the case's row lock (`lock_case`).

    `kind` is a declared ``EventKind`` (never a string), and `payload` must have its declared
    shape: anything else is a programming error (``cases_events.EventPayloadError``).
    """
    if not isinstance(kind, cases_events.EventKind) or cases_events.EVENT_KINDS.get(kind.name) is not kind:
        raise cases_events.EventPayloadError(f"{kind!r} is not a declared event kind")
    payload = payload or {}
    kind.check(payload)
    # Round-trip through JSON so the hash is computed over exactly what the database returns.
    payload = _json_roundtrip(payload)
    last = CaseEvent.objects.filter(case=case).order_by("-sequence").values("sequence", "hash").first()
    sequence = last["sequence"] + 1 if last else 1
    prev_hash = last["hash"] if last else ""
    occurred_at = clock.now()
    actor_id = actor_id_of(actor)
    digest = digest_of(payload)
    event = CaseEvent.objects.create(
        case=case,
        sequence=sequence,
        actor_id=actor_id,
        kind=kind.name,
        occurred_at=occurred_at,
        payload=payload,
        payload_digest=digest,
        chain_version=CHAIN_VERSION,
        visibility=visibility,
        prev_hash=prev_hash,
        hash=event_hash(
            case_reference=case.reference,
            sequence=sequence,
            kind=kind.name,
            actor_id=actor_id,
            occurred_at=occurred_at,
            payload_digest=digest,
            visibility=visibility,
            prev_hash=prev_hash,
        ),
    )
    case_event_recorded.send(sender=CaseEvent, event=event)
    return event


def _json_roundtrip(payload: Mapping[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(canonical_json(payload))
    return result


def case_facts(case: Case) -> lifecycle.CaseFacts:
    """The facts the guards read, folded from the case's timeline as of today."""
    events = CaseEvent.objects.filter(case=case, kind__in=cases_events.fact_kinds()).only("kind", "payload")
    return lifecycle.fold_facts(events.order_by("sequence"), kinds=cases_events.EVENT_KINDS, today=clock.today())


def transition(
    *, case: Case, action: lifecycle.Action, actor: BaseActor | None, payload: dict[str, Any] | None = None
) -> CaseEvent:
    """Move `case` by `action` (see ``lifecycle.TRANSITIONS``) and record it on the timeline.

    The caller holds the case's row lock. Raises ``lifecycle.GuardError`` with the reasons when
    the move is not allowed.
    """
    previous, new = lifecycle.apply_transition(case, action, case_facts(case))
    update_fields = ["status"]
    if new in CLOSED_STATUSES:
        case.closed_at = clock.now()
        update_fields.append("closed_at")
    case.save(update_fields=update_fields)
    return record_event(
        case=case,
        kind=cases_events.STATUS_CHANGED,
        actor=actor,
        payload={"action": str(action), "from_status": previous, "to_status": new, **(payload or {})},
        visibility=Visibility.PARTIES,
    )


def next_reference(office: Any, year: int) -> str:
    """The next readable reference for `office` in `year`; call inside a transaction."""
    for _attempt in range(3):
        counter = ReferenceCounter.objects.select_for_update().filter(office=office, year=year).first()
        if counter is None:
            try:
                with transaction.atomic():
                    counter = ReferenceCounter.objects.create(office=office, year=year, last_number=0)
            except IntegrityError:
                continue  # another request created it first; lock theirs
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
        return f"{office.code}-{year}-{counter.last_number:05d}"
    raise RuntimeError("Could not allocate a case reference")  # pragma: no cover


@transaction.atomic
def open_case(
    *,
    actor: BaseActor | None,
    office: Any,
    case_type: str,
    referrer_kind: str,
    description: str = "",
    referrer_name: str = "",
    referrer_reference: str = "",
    referrer_decision_date: dt.date | None = None,
    received_on: dt.date | None = None,
) -> Case:
    """Register a new case in the `received` state with its readable reference."""
    received_on = received_on or clock.today()
    case = Case.objects.create(
        reference=next_reference(office, received_on.year),
        office=office,
        case_type=case_type,
        referrer_kind=referrer_kind,
        referrer_name=referrer_name,
        referrer_reference=referrer_reference,
        referrer_decision_date=referrer_decision_date,
        description=description,
        received_on=received_on,
        due_on=received_on + dt.timedelta(days=settings.MEKLE_CASE_PROCESSING_DAYS),
        created_by_id=actor_id_of(actor),
    )
    record_event(
        case=case,
        kind=cases_events.CASE_OPENED,
        actor=actor,
        payload={"case_type": case_type, "referrer_kind": referrer_kind, "reference": case.reference},
        visibility=Visibility.PARTIES,
    )
    return case


@transaction.atomic
def start_assessment(*, actor: BaseActor, case: Case) -> Case:
    case = lock_case(case)
    transition(case=case, action=lifecycle.Action.START_ASSESSMENT, actor=actor)
    return case


@transaction.atomic
def assess_suitability(
    *,
    actor: BaseActor,
    case: Case,
    facts_broadly_agreed: bool,
    safety_risk: str,
    power_imbalance: bool,
    court_case_ongoing: bool,
    capacity_to_take_part: bool,
    suitable: bool,
    reason: str,
    other_considerations: str = "",
) -> SuitabilityAssessment:
    """Record the structured assessment and decide: the case goes on to preparation or closes."""
    case = lock_case(case)
    lifecycle.ensure_open(case)
    if not reason.strip():
        raise lifecycle.GuardError([_("Give a reason for the decision.")])
    if safety_risk not in SafetyRisk.values:
        raise lifecycle.GuardError([_("Choose the safety and violence risk.")])
    if case.status == "received":
        transition(case=case, action=lifecycle.Action.START_ASSESSMENT, actor=actor)
    assessment = SuitabilityAssessment.objects.create(
        case=case,
        facts_broadly_agreed=facts_broadly_agreed,
        safety_risk=safety_risk,
        power_imbalance=power_imbalance,
        court_case_ongoing=court_case_ongoing,
        capacity_to_take_part=capacity_to_take_part,
        other_considerations=other_considerations,
        suitable=suitable,
        reason=reason,
        decided_by_id=actor_id_of(actor),  # type: ignore[misc]  # a caseworker decides; none fails NOT NULL
        decided_at=clock.now(),
    )
    record_event(
        case=case,
        kind=cases_events.SUITABILITY_ASSESSED,
        actor=actor,
        payload={"assessment_id": assessment.pk, "suitable": suitable, "safety_risk": safety_risk},
    )
    transition(
        case=case,
        action=lifecycle.Action.FIND_SUITABLE if suitable else lifecycle.Action.FIND_NOT_SUITABLE,
        actor=actor,
        payload={"reason": reason} if not suitable else {},
    )
    return assessment


@transaction.atomic
def erase_personal_data(*, case: Case) -> CaseEvent | None:
    """Blank the personal fields (``Personal[...]``) of a closed case's events; the chain still verifies.

    Each event's hash covers its payload's digest, not the payload, so the chain and every checkpoint
    stay intact. The erasure is recorded as an event listing each erased event with the digest of its
    payload after erasure, signed with the checkpoint key (which the database does not hold), so
    ``verify_timeline`` tells a retention rule's erasure from an edit. Events from before payload
    digests (chain version 1) are left as they are: their hash covers the payload itself.
    Run by ``manage.py erase_personal_data`` as the migration role: the app role may not change events.
    """
    case = lock_case(case)
    if case.status not in CLOSED_STATUSES:
        raise lifecycle.GuardError([_("Only a closed case's personal data can be erased.")])
    key = checkpoints.signing_key()
    erased: dict[str, str] = {}
    for event in CaseEvent.objects.filter(case=case, chain_version=CHAIN_VERSION).order_by("sequence"):
        kind = cases_events.EVENT_KINDS.get(event.kind)
        fields = sorted(f for f in kind.personal_fields if event.payload.get(f)) if kind else []
        if fields:
            event.payload = {**event.payload, **dict.fromkeys(fields, "")}
            event.save(update_fields=["payload"])
            erased[str(event.sequence)] = digest_of(event.payload)
    if not erased:
        return None
    signature = base64.b64encode(key.sign(checkpoints.erasure_message(case.reference, erased))).decode()
    return record_event(
        case=case, kind=cases_events.PERSONAL_DATA_ERASED, payload={"erased": erased, "signature": signature}
    )

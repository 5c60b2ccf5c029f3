"""How referrals reacts to the timeline: an outcome event adds its outbox row in the same transaction."""

from functools import partial
from typing import Any

from django.db import transaction
from django.dispatch import receiver

from mekle.cases.models import CaseEvent
from mekle.cases.signals import case_event_recorded

from .models import DeliveryStatus
from .services import outcomes
from .tasks import deliver_outcome


@receiver(case_event_recorded, sender=CaseEvent, dispatch_uid="referrals.outcomes")
def add_outcome_deliveries(sender: type[CaseEvent], event: CaseEvent, **kwargs: Any) -> None:
    if event.kind not in outcomes.OUTCOME_KINDS:
        return
    for delivery in outcomes.record_outcomes_for(event.case):
        if delivery.status == DeliveryStatus.PENDING:
            transaction.on_commit(partial(_enqueue, delivery.pk))


def _enqueue(delivery_id: int) -> None:
    deliver_outcome.enqueue(delivery_id=delivery_id)

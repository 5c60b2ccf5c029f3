"""How access reacts to the timeline: a case event means the office's case counts must be made again."""

from typing import Any

from django.dispatch import receiver

from mekle.cases.models import CaseEvent
from mekle.cases.signals import case_event_recorded

from .counts import count_again_after


@receiver(case_event_recorded, sender=CaseEvent, dispatch_uid="access.case_counts")
def forget_case_counts(sender: type[CaseEvent], event: CaseEvent, **kwargs: Any) -> None:
    count_again_after(event.case.office_id)

"""How access reacts to the timeline: a case event means the office's case counts must be made again."""

from typing import Any

from mekle.cases.models import CaseEvent

from .counts import count_again_after


def forget_case_counts(sender: type[CaseEvent], event: CaseEvent, **kwargs: Any) -> None:
    count_again_after(event.case.office_id)

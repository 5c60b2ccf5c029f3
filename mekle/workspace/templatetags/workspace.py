"""Small template helpers for the workspace."""

import datetime as dt
from typing import Any

from django import template

from mekle.cases.events import describe

register = template.Library()


@register.filter
def is_overdue(case: Any, today: dt.date) -> bool:
    return bool(case.is_overdue(today))


@register.filter
def describe_event(event: Any) -> str:
    return describe(event.kind, event.payload)


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, "")


@register.filter
def invitation_state(invitation: Any, moment: dt.datetime) -> str:
    return str(invitation.state_at(moment))

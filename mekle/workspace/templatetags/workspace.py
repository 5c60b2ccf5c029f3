"""Small template helpers for the workspace."""

import datetime as dt
from typing import Any

from django import template

register = template.Library()


@register.filter
def is_overdue(case: Any, today: dt.date) -> bool:
    return bool(case.is_overdue(today))


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, "")


@register.filter
def invitation_state(invitation: Any, moment: dt.datetime) -> str:
    return str(invitation.state_at(moment))

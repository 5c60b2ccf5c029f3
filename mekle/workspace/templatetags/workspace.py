"""Small template helpers for the workspace."""

import datetime as dt
from typing import Any

from django import template

from mekle.cases.status_colors import status_color as color_of_status

register = template.Library()


@register.filter
def is_overdue(case: Any, today: dt.date) -> bool:
    return bool(case.is_overdue(today))


@register.filter
def status_color(status: str) -> str:
    """The ``data-color`` of a status's ``ds-tag``."""
    return color_of_status(status)


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, "")


@register.filter
def invitation_state(invitation: Any, moment: dt.datetime) -> str:
    return str(invitation.state_at(moment))

"""The event kinds `cases` records, and the registry every app adds its own kinds to.

A kind's `summary` is a translatable sentence formatted with the event's payload, so the
timeline reads as plain language in the reader's own language.
"""

from dataclasses import dataclass
from typing import Any

from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Status


@dataclass(frozen=True)
class EventKind:
    name: str
    summary: str | Promise

    def describe(self, payload: dict[str, Any]) -> str:
        values = {**payload, **_display_values(payload)}
        try:
            return str(self.summary) % values
        except (KeyError, TypeError, ValueError):
            return str(self.summary)


EVENT_KINDS: dict[str, EventKind] = {}


def register(name: str, summary: str | Promise) -> EventKind:
    kind = EventKind(name=name, summary=summary)
    EVENT_KINDS[name] = kind
    return kind


def describe(kind: str, payload: dict[str, Any]) -> str:
    if kind in EVENT_KINDS:
        return EVENT_KINDS[kind].describe(payload)
    return kind


def _display_values(payload: dict[str, Any]) -> dict[str, str]:
    """Readable forms of payload values: status labels and local dates and times."""
    values = {}
    for key, value in payload.items():
        if key in ("from_status", "to_status") and value in Status.values:
            values[f"{key}_label"] = str(Status(value).label)
        elif key.endswith("_at") and isinstance(value, str):
            moment = parse_datetime(value)
            if moment is not None:
                values[f"{key}_display"] = formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
        elif key.endswith("_on") and isinstance(value, str):
            day = parse_date(value)
            if day is not None:
                values[f"{key}_display"] = formats.date_format(day, "DATE_FORMAT")
    return values


CASE_OPENED = register("case_opened", _("Case registered"))
STATUS_CHANGED = register("status_changed", _("Status changed to “%(to_status_label)s”"))
SUITABILITY_ASSESSED = register("suitability_assessed", _("Suitability assessed"))
FOLLOW_UP_CONCLUDED = register("follow_up_concluded", _("Follow-up concluded"))

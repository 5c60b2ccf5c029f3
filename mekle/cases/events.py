"""The event kinds `cases` records, and the registry every app declares its own kinds in.

Each kind is declared once, in its app's ``events.py``: its name, a translatable `summary`
formatted with the payload (so the timeline reads as plain language in the reader's own
language), the payload's shape as a ``TypedDict``, and, when the event teaches the case a fact
the lifecycle's guards read, how it `folds` into ``lifecycle.CaseFacts``. Payload fields that are
personal data (names, free text) are annotated ``Personal[...]``, so a retention rule can find
and erase them (`EventKind.personal_fields`). ``services.record_event`` takes only a declared
kind and refuses a payload of another shape.
"""

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, NotRequired, TypedDict, TypeVar, get_args, get_origin, get_type_hints

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import Promise
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from mekle.lib.dates import formatted

from .lifecycle import CaseFacts
from .models import Status

T = TypeVar("T")


class _PersonalData:
    def __repr__(self) -> str:
        return "PERSONAL"


PERSONAL = _PersonalData()
# A payload field holding personal data: ``name: Personal[str]``.
Personal = Annotated[T, PERSONAL]


class EventPayloadError(TypeError):
    """A programming error: an undeclared kind, or a payload not of its kind's declared shape."""


class NoPayload(TypedDict):
    """The payload of a kind that carries nothing."""


@dataclass(frozen=True, eq=False)
class EventKind:
    name: str
    summary: str | Promise
    payload: type = NoPayload
    folds: Callable[[CaseFacts, Any], None] | None = None
    required_fields: frozenset[str] = field(init=False)
    fields: frozenset[str] = field(init=False)
    personal_fields: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        hints = get_type_hints(self.payload, include_extras=True)
        object.__setattr__(self, "required_fields", frozenset(getattr(self.payload, "__required_keys__", ())))
        object.__setattr__(self, "fields", frozenset(hints))
        object.__setattr__(self, "personal_fields", frozenset(k for k, h in hints.items() if _is_personal(h)))

    def __str__(self) -> str:
        return self.name  # so a query given the kind itself (``kind=KIND``) still finds its events

    def check(self, payload: Mapping[str, Any]) -> None:
        """Raise `EventPayloadError` unless `payload` has this kind's declared shape."""
        missing = sorted(self.required_fields - payload.keys())
        unknown = sorted(payload.keys() - self.fields)
        if missing or unknown:
            raise EventPayloadError(
                f"A {self.name!r} payload of the wrong shape ({self.payload.__name__}): "
                f"missing {missing}, unknown {unknown}"
            )

    def describe(self, payload: dict[str, Any]) -> str:
        values = {**payload, **_display_values(payload)}
        # A summary declared with ``ngettext_lazy(singular, plural, "count")`` picks its form from the
        # payload's count when formatted ("1 new message", "2 new messages"), so it is not cached as one string.
        summary = self.summary if _counts(self.summary) else _summary_in(get_language(), self.name)
        try:
            return str(summary % values)
        except (KeyError, TypeError, ValueError):
            return str(summary)


def _counts(summary: str | Promise) -> bool:
    """Whether `summary` is a plural (``ngettext_lazy`` with the payload field its number is in)."""
    return isinstance(summary, Promise) and hasattr(summary, "_get_number_value")


def _is_personal(hint: Any) -> bool:
    while get_origin(hint) is NotRequired:
        hint = get_args(hint)[0]
    return PERSONAL in getattr(hint, "__metadata__", ())


EVENT_KINDS: dict[str, EventKind] = {}


def register(
    name: str,
    summary: str | Promise,
    payload: type = NoPayload,
    *,
    folds: Callable[[CaseFacts, Any], None] | None = None,
) -> EventKind:
    """Declare an event kind; each name once."""
    if name in EVENT_KINDS:
        raise ValueError(f"The event kind {name!r} is declared twice")
    kind = EventKind(name=name, summary=summary, payload=payload, folds=folds)
    EVENT_KINDS[name] = kind
    return kind


def fact_kinds() -> tuple[str, ...]:
    """The names of the kinds that teach the case a fact (the events ``case_facts`` reads)."""
    return tuple(name for name, kind in EVENT_KINDS.items() if kind.folds is not None)


def describe(kind: str, payload: dict[str, Any]) -> str:
    if kind in EVENT_KINDS:
        return EVENT_KINDS[kind].describe(payload)
    return kind


# A timeline describes 50 events, each with a translated summary and often a status label: each
# translated once per language (translations do not change while the process runs), not once per event.
@functools.cache
def _summary_in(language: str | None, kind: str) -> str:
    with override(language):
        return str(EVENT_KINDS[kind].summary)


@functools.cache
def _status_labels_in(language: str | None) -> dict[str, str]:
    with override(language):
        return {status.value: str(status.label) for status in Status}


def _display_values(payload: dict[str, Any]) -> dict[str, str]:
    """Readable forms of payload values: status labels and local dates and times."""
    values = {}
    for key, value in payload.items():
        if key in ("from_status", "to_status"):
            label = _status_labels_in(get_language()).get(value)
            if label is not None:
                values[f"{key}_label"] = label
        elif key.endswith("_at") and isinstance(value, str):
            moment = parse_datetime(value)
            if moment is not None:
                values[f"{key}_display"] = formatted(moment, "DATETIME_FORMAT")
        elif key.endswith("_on") and isinstance(value, str):
            day = parse_date(value)
            if day is not None:
                values[f"{key}_display"] = formatted(day, "DATE_FORMAT")
    return values


class CaseOpened(TypedDict):
    case_type: str
    referrer_kind: str
    reference: str


class StatusChanged(TypedDict):
    # Older events and a few tests carry no action; every status change since does.
    action: NotRequired[str]
    from_status: NotRequired[str]
    to_status: NotRequired[str]
    reason: NotRequired[Personal[str]]  # why the case was not suitable: free text
    withdrawn_by: NotRequired[Personal[str]]


class SuitabilityAssessed(TypedDict):
    assessment_id: int
    suitable: bool
    safety_risk: str


class PersonalDataErased(TypedDict):
    # The events erased, by sequence number, each with the digest of its payload after erasure, and an
    # Ed25519 signature by the checkpoint key over the case and that list (cases.erasure).
    erased: dict[str, str]
    signature: str


CASE_OPENED = register("case_opened", _("Case registered"), CaseOpened)
STATUS_CHANGED = register("status_changed", _("Status changed to “%(to_status_label)s”"), StatusChanged)
SUITABILITY_ASSESSED = register("suitability_assessed", _("Suitability assessed"), SuitabilityAssessed)
PERSONAL_DATA_ERASED = register(
    "personal_data_erased", _("Personal data erased from earlier events"), PersonalDataErased
)

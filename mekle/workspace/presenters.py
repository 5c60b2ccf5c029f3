"""Turn cases, their folded facts and lifecycle into what the pages show: rows and next steps.

The list and timeline rows are plain strings made here, once, so the templates only print them:
Django's template engine costs tens of microseconds for every variable, filter and tag, and a
25-row list or a 50-event timeline has hundreds of them.
"""

import datetime as dt
import html
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mekle.access.selectors import CaseFilters, CaseListRow
from mekle.cases.events import describe
from mekle.cases.lifecycle import CaseFacts, Transition
from mekle.cases.models import Case, CaseType, Status, Visibility
from mekle.cases.selectors import TimelineEvent
from mekle.lib.kept import Kept
from mekle.mediators.models import MeetingResult, MeetingStatus, MeetingType
from mekle.parties.models import PartyRole

from .case_list_forms import CaseFilterForm
from .steps import STEP_PAGES

_CHOICE_VALUES: dict[type, frozenset[str]] = {}


def _choice_label(choices: type[Any], value: str, unknown: str | None = None) -> str:
    """The translated label of `value` in a TextChoices class; for another value, `unknown` or the value.

    (``Choices.values`` builds a new list on every call; the set is kept per class.)
    """
    values = _CHOICE_VALUES.get(choices)
    if values is None:
        values = _CHOICE_VALUES[choices] = frozenset(choices.values)
    if value in values:
        return str(choices(value).label)
    return value if unknown is None else unknown


_URL_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted
_REFERENCE = "-reference-"
_FIRST_ID = 9_876_501  # ids stand in as 9876501, 9876502, …: none is a part of another


@lru_cache(maxsize=128)
def _url_format(name: str, ids: int) -> str:
    """The URL `name` as a format string: ``{reference}`` and ``{0}``, ``{1}`` … for the ids."""
    url = reverse(name, args=[_REFERENCE, *range(_FIRST_ID, _FIRST_ID + ids)])
    url = url.replace("{", "{{").replace("}", "}}")
    for position in range(ids):
        url = url.replace(str(_FIRST_ID + position), f"{{{position}}}")
    return url.replace(_REFERENCE, "{reference}")


def case_url(name: str, reference: str, *ids: int) -> str:
    """``reverse(name, args=[reference, *ids])`` for the case pages' links, without resolving anew.

    reverse() costs tens of microseconds, and a page has dozens of links of a few shapes: each
    shape is reversed once with stand-ins and kept as a format string (tests check the two agree).
    """
    return _url_format(name, len(ids)).format(*(int(i) for i in ids), reference=quote(reference, safe=_URL_SAFE))


@dataclass
class Step:
    label: str
    url: str
    post: bool = False
    reasons: list[str] = field(default_factory=list)


def next_steps(case: Case, facts: CaseFacts, transitions: list[tuple[Transition, list[str]]]) -> list[Step]:
    """The lifecycle's next moves as links and buttons (`steps.STEP_PAGES`), each with why it is not possible yet."""
    steps: dict[str, Step] = {}
    meeting_id = facts.scheduled_meeting_id
    for transition, reasons in transitions:
        for page in STEP_PAGES[transition.action]:
            if page.per_meeting and not meeting_id:
                continue
            ids = (meeting_id,) if page.per_meeting else ()
            steps[page.key or transition.action] = Step(
                str(page.label),
                case_url(page.url_name, case.reference, *ids),
                post=page.post,
                reasons=reasons if page.shows_reasons else [],
            )
    return list(steps.values())


@dataclass(frozen=True)
class GuardianRow:
    id: int
    name: str
    consented: bool
    consent_url: str
    withdrawal_url: str


@dataclass(frozen=True)
class PartyRow:
    id: int
    name: str
    role: str
    minor: bool
    consented: bool
    prepared: bool
    guardians: list[GuardianRow]
    url: str
    consent_url: str
    preparation_url: str
    withdrawal_url: str


def party_rows(case: Case, facts: CaseFacts) -> list[PartyRow]:
    ref = case.reference
    return [
        PartyRow(
            id=party_id,
            name=party.name,
            role=_choice_label(PartyRole, party.role),
            minor=party.minor,
            consented=party.consented,
            prepared=party.prepared,
            guardians=[
                GuardianRow(
                    id=gid,
                    name=name,
                    consented=gid in party.guardians_consented,
                    consent_url=case_url("workspace:record_guardian_consent", ref, party_id, gid),
                    withdrawal_url=case_url("workspace:record_guardian_withdrawal", ref, party_id, gid),
                )
                for gid, name in party.guardians.items()
            ],
            url=case_url("workspace:party_page", ref, party_id),
            consent_url=case_url("workspace:record_consent", ref, party_id),
            preparation_url=case_url("workspace:record_preparation", ref, party_id),
            withdrawal_url=case_url("workspace:record_withdrawal", ref, party_id),
        )
        for party_id, party in facts.parties.items()
    ]


def meeting_rows(facts: CaseFacts) -> list[dict[str, Any]]:
    return [
        {
            "id": meeting_id,
            "type": _choice_label(MeetingType, m.meeting_type),
            "starts_at": parse_datetime(m.starts_at),
            "status": _choice_label(MeetingStatus, m.status),
            "scheduled": m.status == MeetingStatus.SCHEDULED,
            "result": _choice_label(MeetingResult, m.result, unknown=""),
            "agreement_summary": m.agreement_summary,
        }
        for meeting_id, m in reversed(facts.meetings.items())
    ]


@lru_cache(maxsize=64)
def _labels(choices: type[Any], language: str | None) -> dict[str, str]:
    """A TextChoices class's labels in `language` (the active one), by value."""
    return {value: str(label) for value, label in choices.choices}


@lru_cache(maxsize=4096)
def _date(day: dt.date, format_name: str, language: str | None) -> str:
    """A date as the `date` template filter shows it: a pure function of its arguments, so kept."""
    return formats.date_format(day, format_name)


@dataclass(frozen=True)
class CaseRow:
    reference: str
    url: str
    case_type: str
    status: str
    parties: str
    mediators: str
    received: str
    due: str
    overdue: bool

    def html(self, overdue_label: str) -> str:
        """The row as the table shows it: escaped here once instead of ten template lookups a row."""
        e = html.escape
        muted = '<span class="mekle-muted">–</span>'
        tag = f' <span class="ds-tag" data-color="danger">{e(overdue_label)}</span>' if self.overdue else ""
        return (
            f'<tr><td><a class="ds-link" href="{e(self.url)}">{e(self.reference)}</a></td>'
            f"<td>{e(self.case_type)}</td><td>{e(self.status)}</td>"
            f"<td>{e(self.parties) if self.parties else muted}</td>"
            f"<td>{e(self.mediators) if self.mediators else muted}</td>"
            f"<td>{e(self.received)}</td><td>{e(self.due)}{tag}</td></tr>"
        )


def case_rows_html(rows: list[CaseRow]) -> SafeString:
    """The table body of the case list (the templates engine costs ~25 µs a variable; 25 rows have 250)."""
    label = _("Overdue")
    return mark_safe("".join(row.html(label) for row in rows))  # noqa: S308  (every value escaped above)


def case_rows(cases: Iterable[CaseListRow], today: dt.date) -> list[CaseRow]:
    """The case list's rows as shown, from ``access.selectors.list_rows``."""
    language = get_language()
    statuses, case_types = _labels(Status, language), _labels(CaseType, language)
    return [
        CaseRow(
            reference=case.reference,
            url=case_url("workspace:case_page", case.reference),
            case_type=case_types.get(case.case_type, case.case_type),
            status=statuses.get(case.status, case.status),
            parties=", ".join(case.party_names),
            mediators=", ".join(case.mediator_names),
            received=_date(case.received_on, "SHORT_DATE_FORMAT", language),
            due=_date(case.due_on, "SHORT_DATE_FORMAT", language),
            overdue=case.is_overdue(today),
        )
        for case in cases
    ]


@lru_cache(maxsize=8192)
def _moment(moment: dt.datetime, language: str | None, zone: str) -> tuple[str, str]:
    """A moment as the timeline's `date:'c'` and `date:"DATETIME_FORMAT"` filters show it."""
    local = timezone.localtime(moment)
    return local.isoformat(), formats.date_format(local, "DATETIME_FORMAT")


@lru_cache(maxsize=8192)
def _description(kind: str, payload_json: str, language: str | None, zone: str) -> str:
    return describe(kind, json.loads(payload_json))


@dataclass(frozen=True)
class TimelineEntry:
    kind: str
    sequence: int
    html: SafeString


@dataclass(frozen=True)
class Timeline:
    """The timeline's entries, newest first, and all of their HTML as one piece for the page."""

    entries: tuple[TimelineEntry, ...]
    html: SafeString

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, index: int) -> TimelineEntry:
        return self.entries[index]

    def __iter__(self) -> Iterator[TimelineEntry]:
        return iter(self.entries)


def timeline_rows(events: Sequence[TimelineEvent]) -> Timeline:
    """The case's events newest first, each as its timeline entry's HTML.

    What an event says and when depends only on its content, the language and the time zone, and
    an event never changes once written; so the description, the time and the entry's HTML are
    kept per process, keyed by everything they show. A timeline read again, or events that share a
    kind and a day, cost dictionary lookups instead of date formatting and template rendering; the
    newest event's hash names a whole timeline (each hash covers the one before), so a timeline
    shown again in the same language is one lookup.
    """
    language = get_language()
    zone = timezone.get_current_timezone_name()
    whole_key = (language, zone, len(events), events[-1].hash if events else "")
    timeline: Timeline | None = _timelines.get(whole_key)
    if timeline is not None:
        return timeline
    system = _("the system")
    entries = []
    for event in reversed(events):
        payload_json = json.dumps(event.payload, sort_keys=True, separators=(",", ":"))
        occurred_iso, occurred_display = _moment(event.occurred_at, language, zone)
        shown = {
            "description": _description(event.kind, payload_json, language, zone),
            "occurred_iso": occurred_iso,
            "occurred_display": occurred_display,
            "who": event.actor_name if event.actor_id is not None else system,
            "staff_only": event.visibility == Visibility.STAFF,
            "sequence": event.sequence,
            "short_hash": event.hash[:12],
        }
        key = (language, *shown.values())
        html = _timeline_entries.get(key)
        if html is None:
            html = render_to_string("workspace/_timeline_event.html", {"event": shown})
            _timeline_entries.put(key, html)
        entries.append(TimelineEntry(kind=event.kind, sequence=event.sequence, html=html))
    timeline = Timeline(
        entries=tuple(entries),
        html=mark_safe("\n".join(entry.html for entry in entries)),  # noqa: S308  # each entry rendered by a template
    )
    _timelines.put(whole_key, timeline)
    return timeline


_filter_panels = Kept(256)
_timeline_entries = Kept(5_000)  # about a hundred 50-event timelines; a few MB
_timelines = Kept(256)  # whole timelines, by language and newest event


@dataclass(frozen=True)
class CaseFilterPanel:
    html: SafeString  # the filter form's fields (a form with bad values shows their errors)
    filters: CaseFilters  # what the valid values ask for; the defaults when any value is bad
    invalid_fields: frozenset[str]


def case_filter_panel(
    query: QueryDict, mediator_choices: list[tuple[int, str]], office_choices: list[tuple[int, str]]
) -> CaseFilterPanel:
    """The case list's filters, from the query string: the form's HTML and the filters it asks for.

    Django builds, validates and renders a form through a template for every field, widget and
    option: about a third of the list's time. The result depends only on the submitted values,
    the choices offered and the language, so it is kept per process for the filters asked for
    most (none, the usual ones) and made again for anything else.
    """
    data = tuple((name, tuple(query.getlist(name))) for name in CaseFilterForm.base_fields) if query else None
    key = (get_language(), data, tuple(mediator_choices), tuple(office_choices))
    panel: CaseFilterPanel | None = _filter_panels.get(key)
    if panel is None:
        form = CaseFilterForm(query or None, mediator_choices=mediator_choices, office_choices=office_choices)
        filters = form.to_filters()
        html = mark_safe("".join(str(field.as_field_group()) for field in form))  # noqa: S308  # Django's own form HTML
        panel = CaseFilterPanel(html=html, filters=filters, invalid_fields=frozenset(form.errors))
        _filter_panels.put(key, panel)
    return panel

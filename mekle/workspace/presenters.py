"""Turn cases, their folded facts and lifecycle into what the pages show: rows and next steps.

The list and timeline rows are plain strings made here, once, so the templates only print them:
Django's template engine costs tens of microseconds for every variable, filter and tag, and a
25-row list or a 50-event timeline has hundreds of them.
"""

import datetime as dt
import html
import json
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mekle.cases.events import describe
from mekle.cases.lifecycle import CaseFacts, Transition
from mekle.cases.models import Case, CaseType, Status, Visibility
from mekle.cases.selectors import TimelineEvent
from mekle.mediators.models import MeetingResult, MeetingStatus, MeetingType
from mekle.parties.models import PartyRole


@dataclass
class Step:
    label: str
    url: str
    post: bool = False
    reasons: list[str] = field(default_factory=list)


def next_steps(case: Case, facts: CaseFacts, transitions: list[tuple[Transition, list[str]]]) -> list[Step]:
    """The lifecycle's next moves as links and buttons, each with why it is not possible yet."""
    steps: dict[str, Step] = {}
    ref = case.reference
    meeting_id = facts.scheduled_meeting_id
    for transition, reasons in transitions:
        action = transition.action
        if action == "start_assessment":
            steps[action] = Step(
                _("Start assessment"), reverse("workspace:start_assessment", args=[ref]), post=True, reasons=reasons
            )
            steps["assess"] = Step(_("Assess suitability"), reverse("workspace:assess", args=[ref]), reasons=reasons)
        elif action in ("find_suitable", "find_not_suitable"):
            steps["assess"] = Step(_("Assess suitability"), reverse("workspace:assess", args=[ref]), reasons=reasons)
        elif action == "schedule_meeting":
            steps[action] = Step(
                _("Schedule the meeting"), reverse("workspace:schedule_meeting", args=[ref]), reasons=reasons
            )
        elif action == "hold_meeting" and meeting_id:
            steps[action] = Step(
                _("Record the meeting and its result"),
                reverse("workspace:record_meeting_result", args=[ref, meeting_id]),
                reasons=reasons,
            )
        elif action == "cancel_meeting" and meeting_id:
            steps[action] = Step(
                _("Cancel the meeting"),
                reverse("workspace:cancel_meeting", args=[ref, meeting_id]),
                post=True,
                reasons=reasons,
            )
        elif action == "reach_agreement":
            # Approving the agreement makes this move; until then the agreement's page is the step.
            steps[action] = Step(
                _("Write the agreement, collect the signatures and approve it"),
                reverse("workspace:agreement", args=[ref]),
            )
        elif action in ("mark_fulfilled", "mark_not_fulfilled"):
            steps["follow_up"] = Step(
                _("Conclude the follow-up"), reverse("workspace:follow_up", args=[ref]), reasons=reasons
            )
    return list(steps.values())


@dataclass
class PartyRow:
    id: int
    name: str
    role: str
    minor: bool
    consented: bool
    prepared: bool
    guardians: list[dict[str, Any]]


def party_rows(facts: CaseFacts) -> list[PartyRow]:
    return [
        PartyRow(
            id=party_id,
            name=party.name,
            role=str(PartyRole(party.role).label) if party.role in PartyRole.values else party.role,
            minor=party.minor,
            consented=party.consented,
            prepared=party.prepared,
            guardians=[
                {"id": gid, "name": name, "consented": gid in party.guardians_consented}
                for gid, name in party.guardians.items()
            ],
        )
        for party_id, party in facts.parties.items()
    ]


def meeting_rows(facts: CaseFacts) -> list[dict[str, Any]]:
    return [
        {
            "id": meeting_id,
            "type": str(MeetingType(m.meeting_type).label) if m.meeting_type in MeetingType.values else m.meeting_type,
            "starts_at": parse_datetime(m.starts_at),
            "status": str(MeetingStatus(m.status).label),
            "scheduled": m.status == MeetingStatus.SCHEDULED,
            "result": str(MeetingResult(m.result).label) if m.result in MeetingResult.values else "",
            "agreement_summary": m.agreement_summary,
        }
        for meeting_id, m in reversed(facts.meetings.items())
    ]


@lru_cache(maxsize=4096)
def _date(day: dt.date, format_name: str, language: str | None) -> str:
    """A date as the `date` template filter shows it: a pure function of its arguments, so kept."""
    return formats.date_format(day, format_name)


_URL_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted


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


def case_rows(cases: Iterable[Case], today: dt.date) -> list[CaseRow]:
    """The case list's rows, from cases read with ``access.selectors.with_list_names``."""
    language = get_language()
    # One reverse() for the page instead of one a row; a reference is letters, digits and "-",
    # which reverse() would not quote either (tests check the two agree).
    page_url = reverse("workspace:case_page", args=["-reference-"])
    statuses = {value: str(label) for value, label in Status.choices}
    case_types = {value: str(label) for value, label in CaseType.choices}
    return [
        CaseRow(
            reference=case.reference,
            url=page_url.replace("-reference-", quote(case.reference, safe=_URL_SAFE)),
            case_type=case_types.get(case.case_type, case.case_type),
            status=statuses.get(case.status, case.status),
            parties=", ".join(case.party_names),  # type: ignore[attr-defined]  # with_list_names
            mediators=", ".join(case.mediator_names),  # type: ignore[attr-defined]
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


def timeline_rows(events: list[TimelineEvent]) -> list[TimelineEntry]:
    """The case's events newest first, each as its timeline entry's HTML.

    What an event says and when depends only on its content, the language and the time zone, and
    an event never changes once written; so the description, the time and the entry's HTML are
    kept per process, keyed by everything they show. A timeline read again, or events that share a
    kind and a day, cost dictionary lookups instead of date formatting and template rendering.
    """
    language = get_language()
    zone = timezone.get_current_timezone_name()
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
    return entries


class _Kept:
    """A small least-recently-used store shared by a process's threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[Any, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key: Any, value: Any) -> None:
        with self.lock:
            self.items[key] = value
            if len(self.items) > self.size:
                self.items.popitem(last=False)


_filter_forms = _Kept(256)
_timeline_entries = _Kept(5_000)  # about a hundred 50-event timelines; a few MB


def filter_form_html(
    form: Any, mediator_choices: list[tuple[int, str]], office_choices: list[tuple[int, str]]
) -> SafeString:
    """The case list's filter form's fields as HTML (a validated form: it shows its errors).

    Django renders a form through a template for every field, widget and option: about a third of
    the list's time. What it renders depends only on the submitted values, the choices offered and
    the language, so the HTML is kept per process for the forms asked for most (an empty form, the
    usual filters) and made again for anything else.
    """
    data = tuple((name, tuple(form.data.getlist(name))) for name in form.fields) if form.is_bound else None
    key = (get_language(), data, tuple(mediator_choices), tuple(office_choices))
    html = _filter_forms.get(key)
    if html is None:
        html = mark_safe("".join(str(field.as_field_group()) for field in form))  # noqa: S308  # Django's own form HTML
        _filter_forms.put(key, html)
    return html  # type: ignore[no-any-return]

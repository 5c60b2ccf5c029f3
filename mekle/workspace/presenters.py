"""Turn cases, their folded facts and lifecycle into what the pages show: rows and next steps.

Templates print the rows: the case list's and the timeline's in Jinja2 (``workspace/jinja2/``,
``mekle/lib/jinja.py``), since Django's engine costs microseconds a variable and these have hundreds.
A case's rendered timeline is a pure function of the language, the time zone and its newest event
(each event's hash covers the one before it), so it is kept per process in ``_fragments``.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.http import QueryDict
from django.template import engines
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mekle.access.case_list import CaseFilters, CaseListRow
from mekle.cases.events import describe
from mekle.cases.lifecycle import CaseFacts, Transition
from mekle.cases.models import Case, CaseType, Status, Visibility
from mekle.cases.selectors import TimelineEvent
from mekle.cases.status_colors import status_color
from mekle.lib.kept import Kept
from mekle.mediators.models import Meeting, MeetingResult, MeetingStatus, MeetingType
from mekle.parties.models import PartyRole

from .case_list_forms import CaseFilterForm
from .steps import STEP_PAGES


def _choice_label(choices: type[Any], value: str, unknown: str | None = None) -> str:
    """The translated label of `value` in a TextChoices class; for another value, `unknown` or the value."""
    try:
        return str(choices(value).label)
    except ValueError:  # not one of the choices (``choices.values`` would build the list on every call)
        return value if unknown is None else unknown


def case_url(name: str, reference: str, *ids: int) -> str:
    """The URL of one of a case's pages (`name` takes the reference, then `ids`)."""
    return reverse(name, args=[reference, *ids])


def case_url_maker(name: str) -> Callable[[str], str]:
    """The URL of page `name` for any case reference, from one ``reverse()`` for a whole list.

    ``reverse()`` matches the route anew for every call, which was a quarter of a list row's cost
    (docs/performance.md). The reference is quoted exactly as ``reverse()`` quotes an argument.
    """
    before, after = reverse(name, args=[_SLOT]).split(quote(_SLOT, safe=_REVERSE_SAFE), 1)

    def url_of(reference: str) -> str:
        if "/" in reference or not reference:  # a path segment cannot hold it: reverse() refuses
            return reverse(name, args=[reference])
        return before + quote(reference, safe=_REVERSE_SAFE) + after

    return url_of


_SLOT = "\x00"  # no reference holds it, and it is quoted the same way whatever the route
_REVERSE_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what ``reverse()`` leaves unquoted in an argument


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


def meeting_rows(case: Case, facts: CaseFacts, meetings: dict[int, Meeting]) -> list[dict[str, Any]]:
    """The case's meetings, newest first, as the timeline says; the place and the end from the table
    (`meetings`, by id). A scheduled meeting of an open case can be moved."""
    rows = []
    for meeting_id, m in reversed(facts.meetings.items()):
        stored = meetings.get(meeting_id)
        scheduled = m.status == MeetingStatus.SCHEDULED
        rows.append(
            {
                "id": meeting_id,
                "type": _choice_label(MeetingType, m.meeting_type),
                "starts_at": parse_datetime(m.starts_at),
                "ends_at": stored.ends_at if stored else None,
                "status": _choice_label(MeetingStatus, m.status),
                "scheduled": scheduled,
                "result": _choice_label(MeetingResult, m.result, unknown=""),
                "agreement_summary": m.agreement_summary,
                "meeting": stored,
                "move_url": (
                    case_url("workspace:move_meeting", case.reference, meeting_id)
                    if scheduled and case.is_open and stored
                    else ""
                ),
            }
        )
    return rows


@dataclass(frozen=True)
class CaseRow:
    """A row of the case list as ``workspace/_case_row.html`` shows it."""

    reference: str
    url: str
    case_type: str
    status: str
    status_color: str
    parties: str
    mediators: str
    received_on: dt.date
    due_on: dt.date
    overdue: bool


def case_rows_html(rows: list[CaseRow]) -> SafeString:
    """The case list's table body: ``workspace/_case_rows.html``, in Jinja2 (``mekle/lib/jinja.py``)."""
    return SafeString(engines["jinja2"].get_template("workspace/_case_rows.html").render({"rows": rows}))


def case_rows(cases: Iterable[CaseListRow], today: dt.date) -> list[CaseRow]:
    """The case list's rows as shown, from ``access.case_list.list_rows``."""
    url_of = case_url_maker("workspace:case_page")
    return [
        CaseRow(
            reference=case.reference,
            url=url_of(case.reference),
            case_type=_choice_label(CaseType, case.case_type),
            status=_choice_label(Status, case.status),
            status_color=status_color(case.status),
            parties=", ".join(case.party_names),
            mediators=", ".join(case.mediator_names),
            received_on=case.received_on,
            due_on=case.due_on,
            overdue=case.is_overdue(today),
        )
        for case in cases
    ]


@dataclass(frozen=True)
class TimelineEntry:
    """An event as ``workspace/_timeline_entries.html`` shows it."""

    kind: str
    sequence: int
    description: str
    occurred_at: dt.datetime
    who: str
    staff_only: bool
    short_hash: str


@dataclass(frozen=True)
class Timeline:
    """The timeline's entries, newest first, and ``workspace/_timeline_entries.html`` rendered with them."""

    entries: tuple[TimelineEntry, ...]
    html: SafeString

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, index: int) -> TimelineEntry:
        return self.entries[index]

    def __iter__(self) -> Iterator[TimelineEntry]:
        return iter(self.entries)


_fragments = Kept(256)  # rendered timelines, by language, time zone and newest event; a few MB


def timeline_rows(events: Sequence[TimelineEvent]) -> Timeline:
    """The case's events newest first, and their rendered entries, kept by the timeline's head.

    What a timeline shows depends only on its events, the language and the time zone, and an event
    never changes once written; the newest event's hash names the whole timeline (each hash covers
    the one before), so a timeline shown again in the same language and zone is one lookup.
    """
    key = (get_language(), timezone.get_current_timezone_name(), len(events), events[-1].hash if events else "")
    timeline: Timeline | None = _fragments.get(key)
    if timeline is not None:
        return timeline
    system = _("the system")
    entries = tuple(
        TimelineEntry(
            kind=event.kind,
            sequence=event.sequence,
            description=describe(event.kind, event.payload),
            occurred_at=event.occurred_at,
            who=event.actor_name if event.actor_id is not None else system,
            staff_only=event.visibility == Visibility.STAFF,
            short_hash=event.hash[:12],
        )
        for event in reversed(events)
    )
    html = SafeString(engines["jinja2"].get_template("workspace/_timeline_entries.html").render({"entries": entries}))
    timeline = Timeline(entries=entries, html=html)
    _fragments.put(key, timeline)
    return timeline


@dataclass(frozen=True)
class CaseFilterPanel:
    html: SafeString  # the filter form's fields (a form with bad values shows their errors)
    filters: CaseFilters  # what the valid values ask for; the defaults when any value is bad
    invalid_fields: frozenset[str]


_filter_panels = Kept(256)


def case_filter_panel(
    query: QueryDict, mediator_choices: list[tuple[int, str]], office_choices: list[tuple[int, str]]
) -> CaseFilterPanel:
    """The case list's filters, from the query string: the form's HTML and the filters it asks for.

    Django builds, validates and renders a form through a template for every field, widget and
    option: more than half of the list's time (docs/performance.md has the measured gain). The
    result depends only on the submitted values, the choices offered and the language, so it is
    kept per process.
    """
    data = tuple((name, tuple(query.getlist(name))) for name in CaseFilterForm.base_fields) if query else None
    key = (get_language(), data, tuple(mediator_choices), tuple(office_choices))
    panel: CaseFilterPanel | None = _filter_panels.get(key)
    if panel is None:
        form = CaseFilterForm(query or None, mediator_choices=mediator_choices, office_choices=office_choices)
        filters = form.to_filters()
        html = SafeString(
            render_to_string("workspace/_case_filters.html", {"form": form}).rstrip("\n")
        )  # the file's last newline
        panel = CaseFilterPanel(html=html, filters=filters, invalid_fields=frozenset(form.errors))
        _filter_panels.put(key, panel)
    return panel

"""A meeting starts in the future, not before the case was received, and at most a year ahead.

The pure rule as a table; then the staff form says it in Norwegian on the date, and
``schedule_meeting`` refuses the same and schedules nothing.
"""

import datetime as dt

import pytest
from django.utils import timezone, translation

from mekle.cases.models import Case, CaseEvent
from mekle.lib.errors import Refusal
from mekle.mediators import rules, services
from mekle.mediators.models import Meeting
from mekle.testing.cast import make_ready
from mekle.workspace.forms import MeetingForm

NOW = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)  # 12:00 in Oslo
RECEIVED = dt.date(2026, 5, 1)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def norwegian():
    with translation.override("nb"):
        yield


@pytest.mark.parametrize(
    ("starts_at", "received_on", "expected"),
    [
        (at(dt.date(2026, 6, 2)), RECEIVED, None),
        (at(dt.date(2027, 6, 1)), RECEIVED, None),  # a year ahead, the latest allowed
        (at(dt.date(2026, 6, 1), 11), RECEIVED, "must start in the future"),
        (at(dt.date(2026, 6, 2)), dt.date(2026, 6, 3), "before the case was received"),
        (at(dt.date(2027, 6, 2)), RECEIVED, "at most a year ahead"),
        (at(dt.date(9999, 12, 31)), RECEIVED, "at most a year ahead"),
    ],
)
def test_when_a_meeting_may_start(starts_at, received_on, expected):
    with translation.override("en"):
        reasons = rules.meeting_time_refusals(starts_at=starts_at, received_on=received_on, now=NOW)
    assert len(reasons) == (1 if expected else 0)
    assert all(expected in reason for reason in reasons)


def _form(case: Case | None, day: str) -> MeetingForm:
    data = {
        "meeting_type": "mediation",
        "date": day,
        "time": "12:00",
        "duration_minutes": "120",
        "attendance": "video",
        "video_link": "https://video.example/rom",
    }
    return MeetingForm(data, case=case)


def test_the_form_says_so_on_the_date_and_bounds_the_picker(norwegian, case):
    today = timezone.localdate()
    latest = rules.latest_meeting_date(today)
    ahead = _form(case, (latest + dt.timedelta(days=1)).isoformat())
    assert ahead.errors["date"][0].startswith("Et møte kan settes opp høyst ett år fram i tid, senest ")
    assert _form(case, "2000-01-01").errors["date"] == ["Møtet må starte fram i tid."]
    assert _form(case, (today + dt.timedelta(days=1)).isoformat()).is_valid()
    attrs = _form(case, "").fields["date"].widget.attrs
    assert (attrs["min"], attrs["max"]) == (today.isoformat(), latest.isoformat())


def test_the_form_refuses_a_day_before_the_case_was_received(norwegian, case):
    received = timezone.localdate() + dt.timedelta(days=10)  # a receipt dated ahead, as old data may have
    Case.objects.filter(pk=case.pk).update(received_on=received)
    case.refresh_from_db()
    form = _form(case, (received - dt.timedelta(days=1)).isoformat())
    assert form.errors["date"][0].startswith("Møtet kan ikke være før saken kom inn (")
    assert form.fields["date"].widget.attrs["min"] == received.isoformat()


def test_the_form_without_a_case_still_bounds_the_date(norwegian):
    form = _form(None, (timezone.localdate() + dt.timedelta(days=1)).isoformat())
    assert form.is_valid()


def test_schedule_meeting_refuses_the_same_and_schedules_nothing(norwegian, case, alice):
    make_ready(alice, case)
    received = timezone.localdate() + dt.timedelta(days=10)
    Case.objects.filter(pk=case.pk).update(received_on=received)
    case.refresh_from_db()
    events, status = CaseEvent.objects.count(), case.status
    for starts_at in (at(received - dt.timedelta(days=1)), at(dt.date(9999, 12, 31))):
        with pytest.raises(Refusal):
            services.schedule_meeting(
                actor=alice, case=case, meeting_type="mediation", starts_at=starts_at, location="Rom 1"
            )
    assert not Meeting.objects.exists()
    case.refresh_from_db()
    assert (CaseEvent.objects.count(), case.status) == (events, status)

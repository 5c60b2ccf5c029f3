"""A journal entry tells of something that has happened: not in the future, at most five years back.

The pure rule as a table; the portal's form says it in Norwegian on the date, and ``add_entry``
refuses the same and writes nothing.
"""

import datetime as dt

import pytest
from django.utils import timezone, translation

from mekle.journal import rules, services
from mekle.journal.models import EntryKind, Journal, JournalEntry
from mekle.lib.errors import Refusal
from mekle.portal.forms.journal import EntryForm
from mekle.testing.journal import keeper

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def norwegian():
    with translation.override("nb"):
        yield


@pytest.mark.parametrize(
    ("happened_on", "expected"),
    [
        (None, None),
        (TODAY, None),
        (dt.date(2021, 6, 1), None),  # five years back, the oldest allowed
        (dt.date(2021, 5, 31), "cannot be before"),
        (dt.date(1, 1, 1), "cannot be before"),
        (TODAY + dt.timedelta(days=1), "cannot be in the future"),
    ],
)
def test_when_an_entry_may_say_it_happened(happened_on, expected):
    with translation.override("en"):
        reasons = rules.happened_on_refusals(happened_on, TODAY)
    assert len(reasons) == (1 if expected else 0)
    assert all(expected in reason for reason in reasons)


def test_the_form_says_so_on_the_date_and_bounds_the_picker(norwegian):
    today = timezone.localdate()
    tomorrow = EntryForm({"text": "Ringte.", "happened_on": (today + dt.timedelta(days=1)).isoformat()}, kind="call")
    assert tomorrow.errors == {"happened_on": ["Datoen kan ikke være fram i tid."]}
    ancient = EntryForm({"text": "Ringte.", "happened_on": "0001-01-01"}, kind="call")
    assert ancient.errors["happened_on"][0].startswith("Datoen kan ikke være før ")
    assert EntryForm({"text": "Ringte.", "happened_on": ""}, kind="call").is_valid()
    attrs = EntryForm(kind="call").fields["happened_on"].widget.attrs
    assert (attrs["min"], attrs["max"]) == (rules.earliest_happened_on(today).isoformat(), today.isoformat())
    assert "happened_on" not in EntryForm(kind=EntryKind.MESSAGE).fields


def test_add_entry_refuses_the_same_and_writes_nothing(norwegian, db):
    nora = keeper()
    journal = Journal.objects.get(owner=nora)
    entries = JournalEntry.objects.count()
    with pytest.raises(Refusal) as refused:
        services.add_entry(
            actor=nora, journal=journal, kind=EntryKind.CALL, text="Ringte.", happened_on=dt.date(9999, 12, 31)
        )
    assert refused.value.reasons == ["Datoen kan ikke være fram i tid."]
    assert JournalEntry.objects.count() == entries

"""The journal's hash chain shows any later change, removal or reordering of an entry."""

import pytest

from mekle.journal import services
from mekle.journal.chain import broken_entries, hash_of
from mekle.journal.models import EntryKind, Journal, JournalEntry
from mekle.testing.journal import keeper


@pytest.fixture
def journal(db):
    owner = keeper()
    journal = Journal.objects.get(owner=owner)
    for text in ("Første", "Andre", "Tredje"):
        services.add_entry(actor=owner, journal=journal, kind=EntryKind.MESSAGE, text=text)
    return journal


def chain(journal):
    return list(JournalEntry.objects.filter(journal=journal).order_by("sequence"))


def test_an_untouched_chain_holds(journal):
    entries = chain(journal)
    assert broken_entries(entries, journal.code) == []
    assert all(entry.hash == hash_of(entry, journal.code) for entry in entries)


def test_an_altered_entry_is_found(journal):
    JournalEntry.objects.filter(journal=journal, sequence=2).update(content={"text": "Noe annet"})
    assert broken_entries(chain(journal), journal.code) == [2]


def test_a_removed_entry_breaks_the_next_one(journal):
    JournalEntry.objects.filter(journal=journal, sequence=2).delete()
    assert broken_entries(chain(journal), journal.code) == [3]


def test_an_altered_date_is_found(journal):
    entry = JournalEntry.objects.get(journal=journal, sequence=1)
    JournalEntry.objects.filter(pk=entry.pk).update(occurred_at=entry.occurred_at.replace(year=2020))
    assert broken_entries(chain(journal), journal.code) == [1]


def test_the_hash_covers_the_journal_it_belongs_to(journal):
    assert broken_entries(chain(journal), "J-OTHR-CODE") == [1, 2, 3]

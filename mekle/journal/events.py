"""The event kinds the `journal` app records on a case, with their payloads."""

from typing import TypedDict

from django.utils.translation import ngettext_lazy

from mekle.cases.events import register


class JournalShared(TypedDict):
    journal: str
    count: int
    entries: list[str]  # the shared entries' hashes


JOURNAL_SHARED = register(
    "journal_shared",
    ngettext_lazy(
        "The requester shared %(count)s entry of their cooperation journal (%(journal)s)",
        "The requester shared %(count)s entries of their cooperation journal (%(journal)s)",
        "count",
    ),
    JournalShared,
)

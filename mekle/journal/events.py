"""The event kinds the `journal` app records on a case, with their payloads."""

from typing import TypedDict

from django.utils.translation import gettext_lazy as _

from mekle.cases.events import register


class JournalShared(TypedDict):
    journal: str
    count: int
    entries: list[str]  # the shared entries' hashes


JOURNAL_SHARED = register(
    "journal_shared",
    _("The requester shared %(count)s entries of their cooperation journal (%(journal)s)"),
    JournalShared,
)

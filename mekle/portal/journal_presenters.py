"""How journal entries read: on the journal page, in the list to share, and in the good-faith record."""

from dataclasses import dataclass
from typing import Any

from django.utils import formats, timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from mekle.dialogue.goodfaith import RecordEvent
from mekle.journal.models import AnswerChoice, EntryKind, JournalEntry


@dataclass(frozen=True)
class Row:
    entry: JournalEntry
    label: str
    text: str
    happened_on: str
    status: str
    corrected_by: list[int]


def _happened_on(entry: JournalEntry) -> str:
    day = parse_date(str(entry.content.get("happened_on", "")))
    return formats.date_format(day, "DATE_FORMAT") if day else ""


def summary(entry: JournalEntry) -> str:
    """One plain sentence for an entry, without its text: ‘Answer to entry 3: accepted’."""
    content = entry.content
    if entry.kind == EntryKind.ANSWER:
        choice = content.get("choice", "")
        answer = str(AnswerChoice(choice).label) if choice in AnswerChoice.values else choice
        return _("Answer to entry %(number)s: %(answer)s") % {"number": content.get("answers"), "answer": answer}
    if entry.kind == EntryKind.CORRECTION:
        return _("Correction of entry %(number)s") % {"number": content.get("corrects")}
    return str(EntryKind(entry.kind).label) if entry.kind in EntryKind.values else entry.kind


def _status(entry: JournalEntry) -> str:
    if entry.kind != EntryKind.PROPOSAL or not hasattr(entry, "proposal"):
        return ""
    proposal = entry.proposal
    if proposal.answer_entry is not None:
        return _("Answered (entry %(number)s)") % {"number": proposal.answer_entry.sequence}
    if proposal.answered_at is None and proposal.expires_at <= timezone.now():
        return _("Not answered; the link has expired")
    return _("Not answered yet. Not answering has no consequence.")


def rows(entries: list[JournalEntry]) -> list[Row]:
    """The journal page's rows, newest first, each with the later entries that correct it."""
    corrections: dict[int, list[int]] = {}
    for entry in entries:
        if entry.kind == EntryKind.CORRECTION:
            corrections.setdefault(int(entry.content.get("corrects", 0)), []).append(entry.sequence)
    return [
        Row(
            entry=entry,
            label=summary(entry),
            text=str(entry.content.get("text", "")),
            happened_on=_happened_on(entry),
            status=_status(entry),
            corrected_by=corrections.get(entry.sequence, []),
        )
        for entry in reversed(entries)
    ]


def choice_label(entry: JournalEntry) -> str:
    when = formats.date_format(timezone.localtime(entry.occurred_at), "SHORT_DATE_FORMAT")
    return _("%(number)s. %(summary)s (%(date)s)") % {"number": entry.sequence, "summary": summary(entry), "date": when}


def record_events(entries: list[JournalEntry]) -> list[RecordEvent]:
    """The journal as good-faith record events; each carries its journal entry's hash to tie the two chains."""
    return [
        RecordEvent(
            occurred_at=entry.occurred_at,
            kind=f"journal_{entry.kind}",
            summary=summary(entry),
            payload=_payload(entry),
            case_event_hash=entry.hash,
        )
        for entry in entries
    ]


def _payload(entry: JournalEntry) -> dict[str, Any]:
    return {
        "journal": entry.journal.code,
        "journal_sequence": entry.sequence,
        "journal_prev_hash": entry.prev_hash,
        **entry.content,
    }

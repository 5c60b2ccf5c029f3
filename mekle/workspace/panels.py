"""The agreement sections of the staff case page and follow-up page, and the journal entries a parent shared.

The case page has already read the case's timeline: a case without an ``agreement_drafted`` event
has no agreement version, and one without ``agreement_approved`` has no documents (they are made
from an approved version), so most cases show these sections without asking the database anything.
"""

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.utils.dateparse import parse_date, parse_datetime

from mekle.access import rules
from mekle.accounts.types import Actor
from mekle.agreements import events as agreement_events
from mekle.agreements import selectors
from mekle.agreements.models import AgreementVersion, Document, DocumentKind
from mekle.cases import lifecycle
from mekle.cases.models import Case, Status
from mekle.journal import events as journal_events
from mekle.journal import selectors as journal_selectors
from mekle.journal.models import AnswerChoice, EntryKind

# Which statuses show an agreement section: `StatusInfo.has_agreement` says.
AGREEMENT_STATUSES = lifecycle.AGREEMENT_STATUSES


@dataclass(frozen=True)
class AgreementPanel:
    version: AgreementVersion | None
    signed: int
    required: int
    can_start: bool


def agreement_panel(user: Actor, case: Case, event_kinds: Collection[str]) -> AgreementPanel | None:
    """The case's agreement as the case page summarises it, or None where it has no section."""
    if case.status not in AGREEMENT_STATUSES:
        return None
    version = selectors.current_version(case) if agreement_events.AGREEMENT_DRAFTED.name in event_kinds else None
    if version is None:
        can_start = case.status == Status.MEETING_HELD and rules.can_draft_agreement(user, case)
        return AgreementPanel(version=None, signed=0, required=0, can_start=can_start)
    signers = selectors.required_signers(version) if version.is_frozen else []
    return AgreementPanel(
        version=version, signed=sum(s.signed for s in signers), required=len(signers), can_start=False
    )


@dataclass(frozen=True)
class DocumentsPanel:
    documents: list[Document]
    outcome_report_to_send: bool


def staff_documents(case: Case, event_kinds: Collection[str] | None = None) -> DocumentsPanel:
    """The agreement documents staff may download; `event_kinds` (when known) spares a needless read."""
    with_documents = {agreement_events.AGREEMENT_APPROVED.name, agreement_events.OUTCOME_REPORTED.name}
    if event_kinds is not None and not with_documents & set(event_kinds):
        found = []
    else:
        found = selectors.documents_of(case, kinds=selectors.STAFF_KINDS)
    return DocumentsPanel(
        documents=found,
        outcome_report_to_send=any(document.kind == DocumentKind.OUTCOME_REPORT for document in found),
    )


@dataclass(frozen=True)
class SharedEntry:
    sequence: int
    label: str
    text: str
    occurred_at: dt.datetime | None
    happened_on: dt.date | None


@dataclass(frozen=True)
class SharedJournal:
    code: str
    shared_at: dt.datetime
    entries: list[SharedEntry]


def _shared_label(kind: str, content: dict[str, Any]) -> str:
    if kind == EntryKind.ANSWER and content.get("choice") in AnswerChoice.values:
        return f"{EntryKind(kind).label}: {AnswerChoice(content['choice']).label}"
    return str(EntryKind(kind).label) if kind in EntryKind.values else kind


def journal_shares(case: Case, event_kinds: Collection[str]) -> list[SharedJournal]:
    """What parents shared from their cooperation journal, for the case's staff to read.

    Read only when the timeline has a ``journal_shared`` event, so other cases ask nothing more.
    """
    if journal_events.JOURNAL_SHARED.name not in event_kinds:
        return []
    return [
        SharedJournal(
            code=share.journal_code,
            shared_at=share.shared_at,
            entries=[
                SharedEntry(
                    sequence=int(entry.get("sequence", 0)),
                    label=_shared_label(str(entry.get("kind", "")), entry.get("content") or {}),
                    text=str((entry.get("content") or {}).get("text", "")),
                    occurred_at=parse_datetime(str(entry.get("occurred_at", ""))),
                    happened_on=parse_date(str((entry.get("content") or {}).get("happened_on", ""))),
                )
                for entry in share.entries
            ],
        )
        for share in journal_selectors.shares_of(case)
    ]

"""Reads of a journal: its owner's own journal and entries, and a proposal by its answer link."""

from typing import Any

from django.core import signing
from django.db.models import QuerySet

from mekle.accounts.types import Actor
from mekle.dialogue import goodfaith

from .models import Journal, JournalEntry, JournalRecord, JournalShare, Proposal

ANSWER_SALT = "mekle.journal.proposal-answer"


def journal_of(user: Actor) -> Journal | None:
    """The journal of a signed-in journal user (``None`` for anyone else)."""
    if not user.is_authenticated:
        return None
    return Journal.objects.select_related("owner").filter(owner_id=user.pk).first()


def entries_of(journal: Journal) -> QuerySet[JournalEntry]:
    """Every entry, oldest first, with its proposal (and the proposal's answer) loaded."""
    return (
        JournalEntry.objects.filter(journal=journal)
        .select_related("journal", "proposal", "proposal__answer_entry")
        .order_by("sequence")
    )


def entry_of(journal: Journal, sequence: int) -> JournalEntry | None:
    return JournalEntry.objects.filter(journal=journal, sequence=sequence).first()


def answer_token(proposal: Proposal) -> str:
    """The signed token in a proposal's answer link: it names that one proposal and nothing else."""
    return signing.dumps(proposal.pk, salt=ANSWER_SALT)


def proposal_for_token(token: str) -> Proposal | None:
    """The proposal a link's token names; ``None`` for a token that was not signed by us."""
    try:
        proposal_id = signing.loads(token, salt=ANSWER_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(proposal_id, int):
        return None
    return Proposal.objects.select_related("entry__journal__owner", "answer_entry").filter(pk=proposal_id).first()


def record_matches(code: str, record_hash: str) -> bool:
    """Whether Mekle exported a journal record with this code and this hash. Says nothing else."""
    return JournalRecord.objects.filter(code=code, record_hash=record_hash).exists()


def record_held(record: dict[str, Any]) -> bool:
    """Whether Mekle exported this very journal record (a record that verifies).

    Only a record of format 2, whose hash covers its name and date: Mekle kept no more than the
    code and the hash, and format 1's hash covered the events alone.
    """
    return goodfaith.covers_everything(record) and record_matches(str(record["code"]), str(record["record_hash"]))


def shares_of(case: Any) -> list[JournalShare]:
    """The journal entries parents shared with a case, oldest share first (copies kept with the case)."""
    return list(JournalShare.objects.filter(case=case).order_by("shared_at", "id"))

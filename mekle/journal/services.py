"""Writes to a cooperation journal: accounts and sign-in links, entries, proposals and answers,
asking for mediation and sharing with a case, and deleting it all. Each function runs in one transaction."""

import datetime as dt
import secrets
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from mekle.accounts.models import Role, User
from mekle.accounts.services import take_allowance
from mekle.accounts.types import Actor
from mekle.cases import services as case_services
from mekle.cases.lifecycle import GuardError
from mekle.cases.models import Case
from mekle.journal import events as journal_events
from mekle.lib import clock
from mekle.parties.services import PartyInput
from mekle.referrals import services as referral_services
from mekle.referrals.services import SubmittedReferral

from . import rules
from .chain import entry_hash
from .models import (
    AnswerChoice,
    EntryKind,
    Journal,
    JournalEntry,
    JournalRecord,
    JournalShare,
    Proposal,
    SignInLink,
)
from .selectors import entries_of
from .signals import proposal_sent, sign_in_link_issued

SIGN_IN_LINK_HOURS = 24
SIGN_IN_LINKS_PER_HOUR = 5
PROPOSAL_DAYS = 30
# Kinds a parent writes themselves; answers come only through the other parent's link.
OWN_KINDS = (EntryKind.MESSAGE, EntryKind.CALL, EntryKind.MEETING, EntryKind.MEDIATION_OFFER, EntryKind.CORRECTION)
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def _new_code() -> str:
    part = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"J-{part[:4]}-{part[4:]}"


def _journal_user(email: str) -> User | None:
    return User.objects.filter(role=Role.JOURNAL, is_active=True, email__iexact=email.strip()).first()


def _issue_link(user: User, language: str) -> SignInLink | None:
    now = clock.now()
    if not take_allowance(key=f"journal-link:user:{user.pk}", limit=SIGN_IN_LINKS_PER_HOUR):
        return None
    SignInLink.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    link = SignInLink.objects.create(user=user, created_at=now, expires_at=now + dt.timedelta(hours=SIGN_IN_LINK_HOURS))
    transaction.on_commit(lambda: sign_in_link_issued.send(sender=SignInLink, link_id=link.pk, language=language))
    return link


@transaction.atomic
def create_journal_account(*, full_name: str, email: str, language: str = "nb") -> SignInLink | None:
    """Open a journal account and e-mail a sign-in link; an address that has one just gets a new link.

    The caller shows the same answer either way, so nobody learns whether an address has a journal.
    """
    existing = _journal_user(email)
    if existing is not None:
        return _issue_link(existing, language)
    first, _space, last = " ".join(full_name.split()).partition(" ")
    user = User(
        username=f"journal-{secrets.token_hex(8)}",
        first_name=first[:150],
        last_name=last[:150],
        email=email.strip(),
        role=Role.JOURNAL,
    )
    user.set_unusable_password()
    user.save()
    Journal.objects.create(owner=user, code=_new_code(), created_at=clock.now())
    return _issue_link(user, language)


@transaction.atomic
def request_sign_in_link(*, email: str, language: str = "nb") -> SignInLink | None:
    """E-mail a new sign-in link if `email` has a journal; ``None`` (and nothing sent) otherwise."""
    user = _journal_user(email)
    return _issue_link(user, language) if user is not None else None


@transaction.atomic
def use_sign_in_link(*, link: SignInLink) -> SignInLink:
    """Mark a link as used. Raises GuardError if it no longer works."""
    link = SignInLink.objects.select_for_update().get(pk=link.pk)
    if not link.is_active_at(clock.now()):
        raise GuardError([_("This link no longer works.")])
    link.used_at = clock.now()
    link.save(update_fields=["used_at"])
    return link


def _lock(journal: Journal) -> Journal:
    return Journal.objects.select_for_update().get(pk=journal.pk)


def _append(journal: Journal, kind: str, content: dict[str, Any]) -> JournalEntry:
    """Append one entry to the chain; the caller holds the journal's row lock."""
    last = JournalEntry.objects.filter(journal=journal).order_by("-sequence").values("sequence", "hash").first()
    sequence = last["sequence"] + 1 if last else 1
    prev_hash = last["hash"] if last else ""
    occurred_at = clock.now()
    return JournalEntry.objects.create(
        journal=journal,
        sequence=sequence,
        kind=kind,
        occurred_at=occurred_at,
        content=content,
        prev_hash=prev_hash,
        hash=entry_hash(
            journal_code=journal.code,
            sequence=sequence,
            kind=kind,
            occurred_at=occurred_at,
            content=content,
            prev_hash=prev_hash,
        ),
    )


def _clean(content: dict[str, Any]) -> dict[str, Any]:
    """Only JSON strings and numbers, without empty values, so the hash covers what is stored."""
    return {key: value for key, value in content.items() if value not in ("", None)}


@transaction.atomic
def add_entry(
    *,
    actor: Actor,
    journal: Journal,
    kind: str,
    text: str,
    happened_on: dt.date | None = None,
    corrects: int | None = None,
) -> JournalEntry:
    """Write down a message, a call, a meeting, an offer of mediation or a correction of an earlier entry."""
    journal = _lock(journal)
    if journal.owner_id != actor.pk:
        raise GuardError([_("Only the journal's owner can write in it.")])
    if kind not in OWN_KINDS:
        raise GuardError([_("This kind of entry cannot be written here.")])
    if kind == EntryKind.CORRECTION and (
        corrects is None or not JournalEntry.objects.filter(journal=journal, sequence=corrects).exists()
    ):
        raise GuardError([_("There is no such entry to correct.")])
    dated = rules.happened_on_refusals(happened_on, clock.today())
    if dated:
        raise GuardError(dated)
    content = _clean(
        {
            "text": text.strip(),
            "happened_on": happened_on.isoformat() if happened_on else None,
            "corrects": corrects if kind == EntryKind.CORRECTION else None,
        }
    )
    return _append(journal, kind, content)


@transaction.atomic
def send_proposal(*, actor: Actor, journal: Journal, text: str, recipient_email: str, language: str = "nb") -> Proposal:
    """Write a proposal in the journal and e-mail the other parent a neutral notice with a link to answer.

    The address is kept only until the e-mail has gone, and never goes into the entry.
    """
    journal = _lock(journal)
    if journal.owner_id != actor.pk:
        raise GuardError([_("Only the journal's owner can write in it.")])
    entry = _append(journal, EntryKind.PROPOSAL, {"text": text.strip()})
    now = clock.now()
    proposal = Proposal.objects.create(
        entry=entry, sent_to=recipient_email.strip(), expires_at=now + dt.timedelta(days=PROPOSAL_DAYS)
    )
    transaction.on_commit(lambda: proposal_sent.send(sender=Proposal, proposal_id=proposal.pk, language=language))
    return proposal


@transaction.atomic
def answer_proposal(*, proposal: Proposal, choice: str, text: str = "") -> JournalEntry:
    """Store the other parent's answer (once) as a new entry in the proposer's journal."""
    proposal = Proposal.objects.select_for_update().select_related("entry__journal").get(pk=proposal.pk)
    if not proposal.is_open_at(clock.now()):
        raise GuardError([_("This proposal has already been answered, or the link has expired.")])
    if choice not in AnswerChoice.values:
        raise GuardError([_("Choose an answer.")])
    if choice == AnswerChoice.COUNTER and not text.strip():
        raise GuardError([_("Write what you suggest instead.")])
    journal = _lock(proposal.entry.journal)
    entry = _append(
        journal, EntryKind.ANSWER, _clean({"answers": proposal.entry.sequence, "choice": choice, "text": text.strip()})
    )
    proposal.answered_at = entry.occurred_at
    proposal.answer_entry = entry
    proposal.save(update_fields=["answered_at", "answer_entry"])
    return entry


def _snapshot(entry: JournalEntry) -> dict[str, Any]:
    return {
        "sequence": entry.sequence,
        "kind": entry.kind,
        "occurred_at": entry.occurred_at.astimezone(dt.UTC).isoformat(),
        "content": entry.content,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }


@transaction.atomic
def share_with_case(*, journal: Journal, case: Case, sequences: list[int]) -> JournalShare:
    """Attach copies of the chosen entries to a case the journal's owner asked for, with a ``journal_shared`` event.

    The event has no actor, so the journal's owner can still delete their account: the copies and
    the hashes stay with the case under its archive rules.
    """
    case = case_services.lock_case(case)
    entries = list(entries_of(journal).filter(sequence__in=sequences))
    if not entries:
        raise GuardError([_("Choose at least one entry to share.")])
    share = JournalShare.objects.create(
        case=case,
        journal=journal,
        journal_code=journal.code,
        shared_at=clock.now(),
        entries=[_snapshot(entry) for entry in entries],
    )
    case_services.record_event(
        case=case,
        kind=journal_events.JOURNAL_SHARED,
        payload={"journal": journal.code, "count": len(entries), "entries": [entry.hash for entry in entries]},
    )
    return share


@transaction.atomic
def ask_for_mediation(
    *,
    actor: Actor,
    journal: Journal,
    ip_address: str,
    postcode: str,
    requester: PartyInput,
    other_party: PartyInput,
    description: str,
    sequences: list[int],
) -> SubmittedReferral:
    """Ask the mediation service for help from the journal: a self-referral, and copies of the
    entries the parent chose (`sequences`, maybe none) shared with the case it opens.

    One transaction: a refused share opens no case. The same request again returns the case the
    first one opened and shares nothing more.
    """
    if journal.owner_id != actor.pk:
        raise GuardError([_("Only the journal's owner can write in it.")])
    submitted = referral_services.submit_self_referral(
        ip_address=ip_address,
        postcode=postcode,
        requester=requester,
        other_party=other_party,
        description=description,
    )
    if submitted.created and sequences:
        share_with_case(journal=journal, case=submitted.case, sequences=sequences)
    return submitted


@transaction.atomic
def delete_journal(*, actor: Actor) -> None:
    """Delete a journal user's account, their journal and every entry, proposal and link.

    What was shared with a case stays with the case (`JournalShare` keeps a copy).
    """
    keepers = User.objects.select_for_update().filter(role=Role.JOURNAL)
    user = keepers.filter(pk=actor.pk).first() if actor.is_authenticated else None
    if user is None:
        raise GuardError([_("Only a journal account can be deleted here.")])
    Proposal.objects.filter(entry__journal__owner=user).delete()
    user.delete()


@transaction.atomic
def keep_exported_record(*, journal: Journal, code: str, record_hash: str) -> JournalRecord:
    """Remember an exported record's code and hash so the public check page can confirm a copy of it."""
    return JournalRecord.objects.create(journal=journal, code=code, record_hash=record_hash, created_at=clock.now())

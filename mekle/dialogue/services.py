"""Writes about messages and proposals. Every function locks the case, refuses with ``GuardError``
sentences, and records its events; sent messages and the words of proposals never change.

Safety first: staff can pause a thread, either party can switch at once to the mediator-only
channel, a party can turn messages off, and the tone check advises but never blocks. Notifications
say only that there is something new in Mekle.
"""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from mekle.agreements import selectors as agreement_selectors
from mekle.agreements import services as agreement_services
from mekle.agreements.models import AgreementVersion, CommitmentKind
from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.cases.models import Case, Visibility
from mekle.lib import clock
from mekle.lib.hashing import canonical_json, sha256_hex
from mekle.parties.models import Guardian, Party

from . import goodfaith, selectors, tone
from .models import (
    Channel,
    GoodFaithRecord,
    Message,
    MessageRead,
    MessageSetting,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Thread,
)
from .tasks import notify_new_message

MAX_MESSAGE_LENGTH = 5000


def check_tone(text: str, language: str) -> tone.ToneResult:
    """The tone check's advice on `text` (see ``tone.check``); it never stops a message."""
    return tone.check(text, language)


def _name(party: Party, guardian: Guardian | None) -> str:
    return guardian.full_name if guardian is not None else party.full_name


def _lock(case: Case) -> tuple[Case, Thread]:
    case = case_services.lock_case(case)
    lifecycle.ensure_open(case)
    return case, selectors.thread_of(case)


def _ensure_not_paused(thread: Thread) -> None:
    if thread.paused:
        raise lifecycle.GuardError([_("The office has paused messages and proposals in this case for now.")])


def _ensure_direct(thread: Thread) -> None:
    if thread.mediator_only:
        raise lifecycle.GuardError(
            [_("Messages in this case now go through the mediator. Write to the mediator instead.")]
        )


def _ensure_reachable(recipient: Party, sender: Party) -> None:
    if recipient.case_id != sender.case_id or recipient.pk == sender.pk:
        raise lifecycle.GuardError([_("Choose another party of your case.")])
    if not selectors.receives_messages(recipient):
        raise lifecycle.GuardError([_("%(name)s does not receive messages now.") % {"name": recipient.full_name}])


# --- messages ---------------------------------------------------------------------------------


@transaction.atomic
def send_message(
    *,
    actor: Any,
    party: Party,
    text: str,
    recipient: Party | None,
    language: str,
    guardian: Guardian | None = None,
    after_warning: bool = False,
) -> Message:
    """Send `text` from `party` to `recipient`, or to the mediator when `recipient` is None.

    The tone check runs again on the words actually sent; its score and categories are kept.
    """
    text = text.strip()
    case, thread = _lock(party.case)
    _ensure_not_paused(thread)
    if not text:
        raise lifecycle.GuardError([_("Write a message.")])
    if len(text) > MAX_MESSAGE_LENGTH:
        raise lifecycle.GuardError(
            [_("A message can be at most %(count)s characters.") % {"count": MAX_MESSAGE_LENGTH}]
        )
    channel = Channel.MEDIATOR if recipient is None or thread.mediator_only else Channel.DIRECT
    if channel == Channel.DIRECT and recipient is not None:
        _ensure_reachable(recipient, party)
    elif not (thread.mediator_only or thread.mediator_messages_allowed):
        raise lifecycle.GuardError([_("The office has not opened messages to the mediator in this case.")])
    tone = check_tone(text, language)
    digest = sha256_hex(text)
    categories = sorted(set(tone.categories))
    event = case_services.record_event(
        case=case,
        kind="message_sent",
        actor=actor,
        payload={
            "party_id": party.pk,
            "name": _name(party, guardian),
            "channel": channel,
            "to_party_id": recipient.pk if channel == Channel.DIRECT and recipient else None,
            "sha256": digest,
            "tone": {"hostile": bool(tone.hostile), "score": round(float(tone.score), 3), "categories": categories},
            "after_warning": after_warning,
        },
        visibility=Visibility.PARTIES if channel == Channel.DIRECT else Visibility.STAFF,
    )
    message = Message.objects.create(
        case=case,
        channel=channel,
        sender=party,
        sender_guardian=guardian,
        recipient=recipient if channel == Channel.DIRECT else None,
        text=text,
        sha256=digest,
        tone_hostile=bool(tone.hostile),
        tone_score=float(tone.score),
        tone_categories=categories,
        sent_after_warning=after_warning,
        sent_at=event.occurred_at,
        event=event,
    )
    transaction.on_commit(lambda: notify_new_message.enqueue(message_id=message.pk))
    return message


@transaction.atomic
def mark_thread_read(*, actor: Any, party: Party, guardian: Guardian | None = None) -> int:
    """The party opened the thread: a read receipt for each new message to them, and one event."""
    unread = selectors.unread_for(party)
    if not unread:
        return 0
    case = case_services.lock_case(party.case)
    now = clock.now()
    MessageRead.objects.bulk_create(
        [MessageRead(message_id=pk, party=party, read_at=now) for pk in unread], ignore_conflicts=True
    )
    case_services.record_event(
        case=case,
        kind="messages_read",
        actor=actor,
        payload={"party_id": party.pk, "name": _name(party, guardian), "count": len(unread), "message_ids": unread},
        visibility=Visibility.PARTIES,
    )
    return len(unread)


@transaction.atomic
def set_receives_messages(*, actor: Any, party: Party, on: bool, guardian: Guardian | None = None) -> MessageSetting:
    """Turn messages to `party` off (nobody can write to them) or on again."""
    case = case_services.lock_case(party.case)
    setting, _created = MessageSetting.objects.update_or_create(
        party=party, defaults={"receives_messages": on, "changed_at": clock.now()}
    )
    case_services.record_event(
        case=case,
        kind="messages_turned_on" if on else "messages_turned_off",
        actor=actor,
        payload={"party_id": party.pk, "name": _name(party, guardian)},
    )
    return setting


def _save_thread(thread: Thread, **changes: Any) -> Thread:
    for name, value in changes.items():
        setattr(thread, name, value)
    thread.changed_at = clock.now()
    thread.save()
    return thread


@transaction.atomic
def choose_mediator_channel(*, actor: Any, party: Party, guardian: Guardian | None = None) -> Thread:
    """At once, every message in the case goes to the mediator alone. Only staff learn who chose it."""
    case, thread = _lock(party.case)
    if thread.mediator_only:
        return thread
    _save_thread(thread, mediator_only=True, mediator_only_party=party)
    case_services.record_event(
        case=case,
        kind="mediator_channel_chosen",
        actor=actor,
        payload={"party_id": party.pk, "name": _name(party, guardian)},
    )
    return thread


@transaction.atomic
def restore_direct_channel(*, actor: Any, case: Case, party: Party | None = None) -> Thread:
    """Open messages between the parties again: staff, or the party who chose the mediator channel."""
    case, thread = _lock(case)
    if party is not None and thread.mediator_only_party_id != party.pk:
        raise lifecycle.GuardError([_("Only the office can open direct messages again.")])
    if not thread.mediator_only:
        return thread
    _save_thread(thread, mediator_only=False, mediator_only_party=None)
    case_services.record_event(case=case, kind="direct_channel_restored", actor=actor)
    return thread


@transaction.atomic
def pause_thread(*, actor: Any, case: Case, paused: bool) -> Thread:
    """Staff stop (or allow again) every message and proposal in the case."""
    case, thread = _lock(case)
    if thread.paused == paused:
        return thread
    _save_thread(thread, paused=paused)
    kind = "thread_paused" if paused else "thread_resumed"
    case_services.record_event(case=case, kind=kind, actor=actor, visibility=Visibility.PARTIES)
    return thread


@transaction.atomic
def allow_mediator_messages(*, actor: Any, case: Case, allowed: bool) -> Thread:
    case, thread = _lock(case)
    if thread.mediator_messages_allowed == allowed:
        return thread
    _save_thread(thread, mediator_messages_allowed=allowed)
    kind = "mediator_messages_allowed" if allowed else "mediator_messages_stopped"
    case_services.record_event(case=case, kind=kind, actor=actor, visibility=Visibility.PARTIES)
    return thread


# --- proposals --------------------------------------------------------------------------------


def proposal_hash(*, kind: str, text: str, amount: Decimal | None, instalments: int | None) -> str:
    content = {"kind": kind, "text": text, "amount": str(amount) if amount is not None else None}
    return sha256_hex(canonical_json({**content, "instalments": instalments}))


def _proposal_refusals(kind: str, text: str, amount: Decimal | None, instalments: int | None) -> list[str]:
    reasons = []
    if kind not in ProposalKind.values:
        reasons.append(_("Choose what the proposal is about."))
    if not text.strip():
        reasons.append(_("Write the proposal."))
    if amount is not None and amount <= 0:
        reasons.append(_("An amount must be greater than zero."))
    if kind == ProposalKind.PAYMENT and amount is None:
        reasons.append(_("A payment proposal needs an amount."))
    if instalments is not None and instalments < 1:
        reasons.append(_("A payment has at least one instalment."))
    return reasons


@transaction.atomic
def make_proposal(
    *,
    actor: Any,
    party: Party,
    recipient: Party,
    kind: str,
    text: str,
    amount: Decimal | None = None,
    instalments: int | None = None,
    guardian: Guardian | None = None,
    answers: Proposal | None = None,
) -> Proposal:
    """A written proposal to another party; with `answers`, a counter-proposal to that one."""
    case, thread = _lock(party.case)
    _ensure_not_paused(thread)
    _ensure_direct(thread)
    _ensure_reachable(recipient, party)
    text = text.strip()
    reasons = _proposal_refusals(kind, text, amount, instalments)
    if reasons:
        raise lifecycle.GuardError(reasons)
    digest = proposal_hash(kind=kind, text=text, amount=amount, instalments=instalments)
    proposal = Proposal.objects.create(
        case=case,
        kind=kind,
        proposer=party,
        proposer_guardian=guardian,
        recipient=recipient,
        text=text,
        amount=amount,
        instalments=instalments,
        answers=answers,
        sha256=digest,
        made_at=clock.now(),
    )
    case_services.record_event(
        case=case,
        kind="proposal_made",
        actor=actor,
        payload={
            "proposal_id": proposal.pk,
            "party_id": party.pk,
            "name": _name(party, guardian),
            "to_party_id": recipient.pk,
            "kind": kind,
            "amount": str(amount) if amount is not None else None,
            "instalments": instalments,
            "answers": answers.pk if answers else None,
            "sha256": digest,
        },
        visibility=Visibility.PARTIES,
    )
    return proposal


def _open_for(proposal: Proposal, party: Party) -> tuple[Case, Thread, Proposal]:
    case, thread = _lock(proposal.case)
    _ensure_not_paused(thread)
    fresh = Proposal.objects.select_related("proposer", "recipient").get(pk=proposal.pk)
    fresh.case = case
    if fresh.recipient_id != party.pk:
        raise lifecycle.GuardError([_("Only the person the proposal was made to can answer it.")])
    if fresh.status != ProposalStatus.OPEN:
        raise lifecycle.GuardError([_("This proposal has already been answered.")])
    return case, thread, fresh


def _answer(proposal: Proposal, status: str, reason: str = "") -> None:
    proposal.status = status
    proposal.decline_reason = reason
    proposal.answered_at = clock.now()
    proposal.save(update_fields=["status", "decline_reason", "answered_at"])


def _answer_payload(proposal: Proposal, party: Party, guardian: Guardian | None) -> dict[str, Any]:
    return {
        "proposal_id": proposal.pk,
        "party_id": party.pk,
        "name": _name(party, guardian),
        "proposal_sha256": proposal.sha256,
    }


@transaction.atomic
def accept_proposal(*, actor: Any, party: Party, proposal: Proposal, guardian: Guardian | None = None) -> Proposal:
    case, _thread, proposal = _open_for(proposal, party)
    _answer(proposal, ProposalStatus.ACCEPTED)
    payload = _answer_payload(proposal, party, guardian)
    case_services.record_event(
        case=case, kind="proposal_accepted", actor=actor, payload=payload, visibility=Visibility.PARTIES
    )
    return proposal


@transaction.atomic
def decline_proposal(
    *, actor: Any, party: Party, proposal: Proposal, reason: str = "", guardian: Guardian | None = None
) -> Proposal:
    """Say no, with a reason if the party wants to give one (it is never required)."""
    case, _thread, proposal = _open_for(proposal, party)
    _answer(proposal, ProposalStatus.DECLINED, reason.strip())
    payload = {**_answer_payload(proposal, party, guardian), "gave_reason": bool(reason.strip())}
    case_services.record_event(
        case=case, kind="proposal_declined", actor=actor, payload=payload, visibility=Visibility.PARTIES
    )
    return proposal


@transaction.atomic
def counter_proposal(
    *,
    actor: Any,
    party: Party,
    proposal: Proposal,
    kind: str,
    text: str,
    amount: Decimal | None = None,
    instalments: int | None = None,
    guardian: Guardian | None = None,
) -> Proposal:
    """Answer with a proposal of one's own, linked to the one it answers."""
    case, thread, proposal = _open_for(proposal, party)
    counter = make_proposal(
        actor=actor,
        party=party,
        recipient=proposal.proposer,
        kind=kind,
        text=text,
        amount=amount,
        instalments=instalments,
        guardian=guardian,
        answers=proposal,
    )
    _answer(proposal, ProposalStatus.COUNTERED)
    payload = {**_answer_payload(proposal, party, guardian), "counter_id": counter.pk}
    case_services.record_event(
        case=case, kind="proposal_countered", actor=actor, payload=payload, visibility=Visibility.PARTIES
    )
    return counter


def _commitment_kind(proposal: Proposal) -> str:
    if proposal.amount is not None:
        return CommitmentKind.PAYMENT
    if proposal.kind == ProposalKind.COMMUNICATION:
        return CommitmentKind.CONDUCT
    return CommitmentKind.OTHER


def _current_draft(actor: Any, case: Case) -> AgreementVersion:
    version = agreement_selectors.current_version(case)
    if version is None:
        return agreement_services.start_agreement(actor=actor, case=case)
    if version.is_frozen:
        raise lifecycle.GuardError(
            [_("The current agreement version has been sent for signing. Make a new version first.")]
        )
    return version


@transaction.atomic
def carry_into_agreement(*, actor: Any, proposal: Proposal) -> AgreementVersion:
    """Add an accepted proposal to the case's draft agreement as a commitment of the proposer.

    The draft is started if there is none; a payment is owed to the party who accepted it. The
    mediator edits the draft afterwards as any other.
    """
    case = case_services.lock_case(proposal.case)
    proposal = Proposal.objects.select_related("proposer", "recipient").get(pk=proposal.pk)
    if proposal.status != ProposalStatus.ACCEPTED:
        raise lifecycle.GuardError([_("Only an accepted proposal can be added to the agreement.")])
    if proposal.carried_into_id is not None:
        raise lifecycle.GuardError([_("This proposal has already been added to the agreement.")])
    version = _current_draft(actor, case)
    existing = agreement_services.commitment_inputs(version)
    kind = _commitment_kind(proposal)
    new = agreement_services.CommitmentInput(
        kind=kind,
        party=proposal.proposer,
        description=proposal.text,
        due_on=version.fulfilment_date,
        beneficiary=proposal.recipient,
        amount=proposal.amount if kind == CommitmentKind.PAYMENT else None,
        instalments=proposal.instalments if kind == CommitmentKind.PAYMENT else None,
    )
    version = agreement_services.update_draft(
        actor=actor,
        version=version,
        introduction=version.introduction,
        fulfilment_date=version.fulfilment_date,
        cooling_off_days=version.cooling_off_days,
        commitments=[*existing, new],
    )
    proposal.carried_into = version
    proposal.save(update_fields=["carried_into"])
    case_services.record_event(
        case=case,
        kind="proposal_carried_into_agreement",
        actor=actor,
        payload={"proposal_id": proposal.pk, "version_id": version.pk, "number": version.number},
    )
    return version


# --- the good-faith record --------------------------------------------------------------------


@transaction.atomic
def make_goodfaith_record(
    *, actor: Any, party: Party, language: str, guardian: Guardian | None = None
) -> GoodFaithRecord:
    """Build the party's record from their case's timeline, store its code and hash, and record it."""
    case = case_services.lock_case(party.case)
    with translation.override(language):
        events = selectors.record_events_for(party)
    record = goodfaith.build_record(events, subject=party.full_name, case_reference=case.reference)
    row = GoodFaithRecord.objects.create(
        code=record["code"],
        party=party,
        record_hash=record["record_hash"],
        content=record,
        created_at=clock.now(),
    )
    case_services.record_event(
        case=case,
        kind="goodfaith_record_made",
        actor=actor,
        payload={"party_id": party.pk, "name": _name(party, guardian), "code": row.code, "events": len(events)},
        visibility=Visibility.PARTIES,
    )
    return row

"""Reads about messages and proposals: a party's own view of the thread, staff's view, the thread's
settings, and the acts that go into a party's good-faith record."""

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from mekle.accounts.models import Role, User
from mekle.accounts.types import Actor
from mekle.agreements import events as agreements_events
from mekle.agreements.models import Commitment
from mekle.cases.models import Case, CaseEvent
from mekle.dialogue import events as dialogue_events
from mekle.lib import clock
from mekle.lib.hashing import sha256_hex
from mekle.mediators import events as mediators_events
from mekle.mediators.models import Assignment
from mekle.parties import events as parties_events
from mekle.parties.models import Party, PartyRole

from . import goodfaith, record_files
from .goodfaith import RecordEvent
from .models import (
    Channel,
    GoodFaithRecord,
    HoldDecision,
    Message,
    MessageHold,
    MessageRead,
    MessageSetting,
    Proposal,
    ProposalStatus,
    RecordPdf,
    Thread,
)
from .record_document import RecordSetting


def thread_of(case: Case) -> Thread:
    """The case's thread settings; an unsaved row with the defaults when nothing was ever set."""
    return Thread.objects.filter(case=case).first() or Thread(case=case)


# After a case closes, a party may still ask its staff questions (and staff answer) this long.
STAFF_THREAD_DAYS_AFTER_CLOSE = 30


def staff_thread_within_time(case: Case, now: dt.datetime) -> bool:
    """A party and the staff write to each other while the case is open and 30 days after it closed."""
    if case.is_open:
        return True
    return case.closed_at is not None and now - case.closed_at <= dt.timedelta(days=STAFF_THREAD_DAYS_AFTER_CLOSE)


def staff_thread_open(case: Case, thread: Thread) -> bool:
    """Whether a party may write to the staff of their case now."""
    return not thread.staff_threads_closed and staff_thread_within_time(case, clock.now())


def receives_messages(party: Party) -> bool:
    return own_choices(party, party.case).receives


@dataclass(frozen=True)
class OwnChoices:
    receives: bool
    holds_flagged: bool


def own_choices(party: Party, case: Case) -> OwnChoices:
    """A party's own message settings, with the defaults where they chose nothing (one query).

    A flagged message to them is read by the office first when they chose so; by default for the
    person harmed in a criminal case, and for nobody else.
    """
    setting = MessageSetting.objects.filter(party=party).first()
    receives = setting is None or setting.receives_messages
    if setting is not None and setting.hold_flagged is not None:
        return OwnChoices(receives=receives, holds_flagged=setting.hold_flagged)
    return OwnChoices(receives=receives, holds_flagged=_harmed_by_default(party, case))


def _harmed_by_default(party: Party, case: Case) -> bool:
    """The person harmed as ``contact.harmed_party_ids`` reads it: a victim of a criminal case, or,
    when the case has none registered, every party who is not the offender."""
    if not case.is_criminal or party.role == PartyRole.OFFENDER:
        return False
    if party.role == PartyRole.VICTIM:
        return True
    return not Party.objects.filter(case_id=case.pk, role=PartyRole.VICTIM).exists()


def holds_flagged(party: Party, case: Case) -> bool:
    """Whether a flagged message to `party` is read by the office first (see ``own_choices``)."""
    return own_choices(party, case).holds_flagged


def parties_of(case: Case) -> list[Party]:
    """The parties of a case, for staff to choose whom to write to."""
    return list(Party.objects.filter(case=case).only("id", "full_name", "case_id"))


def other_parties(party: Party) -> list[Party]:
    """The other parties of the party's case (their names only are shown; never contact details)."""
    return list(Party.objects.filter(case_id=party.case_id).exclude(pk=party.pk).only("id", "full_name", "case_id"))


_UNDECIDED_HOLD = Q(hold__isnull=False, hold__decision="")
_RETURNED_HOLD = Q(hold__decision=HoldDecision.RETURNED)


def _with_read(messages: QuerySet[Message]) -> QuerySet[Message]:
    by_party = MessageRead.objects.filter(message=OuterRef("pk"), party=OuterRef("recipient"))
    by_staff = MessageRead.objects.filter(message=OuterRef("pk"), user__isnull=False)
    return messages.select_related("sender", "sender_guardian", "recipient", "staff_author", "hold").annotate(
        read=Exists(by_party), read_by_staff=Exists(by_staff)
    )


def thread_for_party(party: Party) -> list[Message]:
    """What a party may read, oldest first: what they sent (a held or returned one with its state),
    direct messages to them that nobody holds back, and what the staff wrote to them."""
    own = Q(sender=party)
    to_them = Q(recipient=party) & (Q(channel=Channel.DIRECT) | Q(staff_author__isnull=False))
    visible = own | (to_them & ~_UNDECIDED_HOLD & ~_RETURNED_HOLD)
    return list(_with_read(Message.objects.filter(case_id=party.case_id).filter(visible)))


def thread_for_staff(case: Case) -> list[Message]:
    """Every message of the case, the staff threads included. Oldest first."""
    return list(_with_read(Message.objects.filter(case=case)))


def unread_for(party: Party) -> list[int]:
    """Ids of the messages to `party` (from the other party or the staff) they have not opened yet."""
    read = MessageRead.objects.filter(message=OuterRef("pk"), party=party)
    to_them = Q(channel=Channel.DIRECT) | Q(staff_author__isnull=False)
    unread = Message.objects.filter(case_id=party.case_id, recipient=party).filter(to_them)
    unread = unread.exclude(_UNDECIDED_HOLD).exclude(_RETURNED_HOLD)
    return list(unread.exclude(Exists(read)).values_list("id", flat=True))


@dataclass(frozen=True)
class Waiting:
    """What waits for a party: proposals to them not yet answered, and messages to them not yet opened."""

    proposals: int
    messages: int


def waiting_for(party: Party) -> Waiting:
    """How many open proposals and unread messages wait for `party` (as `unread_for` counts). One query."""
    read = MessageRead.objects.filter(message=OuterRef("pk"), party=party)
    to_them = Q(channel=Channel.DIRECT) | Q(staff_author__isnull=False)
    unread = (
        Message.objects.filter(case_id=party.case_id, recipient=party)
        .filter(to_them)
        .exclude(_UNDECIDED_HOLD)
        .exclude(_RETURNED_HOLD)
        .exclude(Exists(read))
    )
    open_proposals = Proposal.objects.filter(case_id=party.case_id, recipient=party, status=ProposalStatus.OPEN)
    counts = (
        Party.objects.filter(pk=party.pk)
        .annotate(
            unread=Coalesce(Subquery(_counted(unread)), 0),
            proposals=Coalesce(Subquery(_counted(open_proposals)), 0),
        )
        .values_list("proposals", "unread")
        .first()
    )
    proposals, messages = counts or (0, 0)
    return Waiting(proposals=proposals, messages=messages)


def _counted(rows: QuerySet[Any]) -> QuerySet[Any]:
    """`rows` as a subquery of one row: how many there are."""
    counted: QuerySet[Any] = rows.order_by().values("recipient_id").annotate(n=Count("pk")).values("n")
    return counted


def unread_by_staff(case: Case, user: Actor) -> list[int]:
    """Ids of the parties' messages to the staff that `user` has not opened yet."""
    if not user.is_authenticated:
        return []
    read = MessageRead.objects.filter(message=OuterRef("pk"), user=user)
    unread = Message.objects.filter(case=case, channel=Channel.MEDIATOR, sender__isnull=False)
    return list(unread.exclude(Exists(read)).values_list("id", flat=True))


def responsible_staff(case: Case) -> list[User]:
    """Who answers a party and decides on a held message: the assigned mediators, or the office's
    caseworkers when none is assigned."""
    assigned = Assignment.objects.filter(case=case, ended_at__isnull=True).values("mediator_id")
    mediators = list(User.objects.filter(pk__in=assigned, is_active=True))
    if mediators:
        return mediators
    return list(User.objects.filter(office_id=case.office_id, role=Role.CASEWORKER, is_active=True))


def held_messages_of(case: Case) -> list[MessageHold]:
    """The case's messages that wait for the staff, oldest first."""
    holds = MessageHold.objects.filter(message__case=case, decision="")
    return list(holds.select_related("message__sender", "message__recipient").order_by("due_at", "id"))


def needs_attention_for(user: Actor, limit: int = 50) -> list[MessageHold]:
    """Held messages `user` must deliver or return: in cases assigned to them as mediator, or, for a
    caseworker, in their office's cases with no mediator assigned and every overdue one."""
    if not (user.is_authenticated and user.office_id):
        return []
    holds = MessageHold.objects.filter(decision="")
    assigned = Assignment.objects.filter(case=OuterRef("message__case"), ended_at__isnull=True)
    if user.role == Role.MEDIATOR:
        holds = holds.filter(Exists(assigned.filter(mediator=user)))
    elif user.role == Role.CASEWORKER:
        office = Q(message__case__office_id=user.office_id)
        holds = holds.filter(office & (~Exists(assigned) | Q(due_at__lt=clock.now())))
    else:
        return []
    related = holds.select_related("message__case", "message__recipient")
    found = list(related.order_by("due_at", "id")[:limit])
    now = clock.now()
    for hold in found:
        hold.overdue = hold.due_at < now  # type: ignore[attr-defined]  # shown on the page
    return found


def messages_off_the_chain(case: Case) -> list[int]:
    """Ids of messages whose text no longer hashes to the SHA-256 their `message_sent` event holds.

    `verify_timeline` shows that no event changed; this shows that no message text changed either.
    """
    rows = Message.objects.filter(case=case).select_related("event").only("text", "event__payload")
    return [m.pk for m in rows if sha256_hex(m.text) != m.event.payload.get("sha256")]


def _proposals() -> QuerySet[Proposal]:
    return Proposal.objects.select_related("proposer", "recipient", "answers", "carried_into")


def proposals_for_party(party: Party) -> list[Proposal]:
    """Proposals the party made or received, oldest first."""
    return list(_proposals().filter(case_id=party.case_id).filter(Q(proposer=party) | Q(recipient=party)))


def proposals_of(case: Case) -> list[Proposal]:
    return list(_proposals().filter(case=case))


def proposal_in(case: Case, proposal_id: int) -> Proposal | None:
    proposal = _proposals().filter(case=case, pk=proposal_id).first()
    if proposal is not None:
        proposal.case = case
    return proposal


def records_of(party: Party) -> list[GoodFaithRecord]:
    return list(GoodFaithRecord.objects.filter(party=party).defer("content"))


def record_of(party: Party, code: str) -> GoodFaithRecord | None:
    return GoodFaithRecord.objects.filter(party=party, code=code).first()


def record_matches(code: str, record_hash: str) -> bool:
    """Whether Mekle made a record with this code and this hash. Says nothing else."""
    return GoodFaithRecord.objects.filter(code=code, record_hash=record_hash).exists()


@dataclass(frozen=True)
class RecordFile:
    """What a handed-in file holds: the record when it reads and its hashes verify, else why not."""

    record: dict[str, Any] | None
    problem: str = ""
    pdf_digest: str = ""  # the SHA-256 of the file when it is a PDF (`pdf_made_by_mekle`)


def read_record_file(content: bytes) -> RecordFile:
    """The good-faith record in an uploaded JSON file or Mekle's PDF, checked against its own hashes.

    Says nothing about whether Mekle made it (`record_held`): only whether the file is a record
    and is intact. `problem` is a sentence for the person who uploaded it.
    """
    try:
        data = record_files.record_from_file(content)
    except record_files.NotARecord as refusal:
        return RecordFile(None, str(refusal.message))
    if goodfaith.verify_record(data):
        return RecordFile(
            None, _("The record has been changed after Mekle made it: its content no longer matches its hashes.")
        )
    return RecordFile(data, pdf_digest=hashlib.sha256(content).hexdigest() if record_files.is_pdf(content) else "")


def pdf_made_by_mekle(digest: str) -> bool:
    """Whether Mekle rendered a record's PDF with exactly this SHA-256 (``services.render_record_pdf``)."""
    return RecordPdf.objects.filter(sha256=digest).exists()


def record_held(record: dict[str, Any]) -> bool:
    """Whether Mekle made this very record for a party of a case (a record that verifies).

    A record of format 2 is Mekle's when its code and hash are, since the hash covers every field.
    Format 1's hash left out the name, the case and the date: such a record is compared with the
    whole copy Mekle kept, field by field.
    """
    code = str(record["code"])
    if goodfaith.covers_everything(record):
        return record_matches(code, record["record_hash"])
    original = stored_record(code)
    return original is not None and goodfaith.first_difference(record, original) == ""


def stored_record(code: str) -> dict[str, Any] | None:
    """The whole record Mekle kept under `code` (a party's record from a case), or ``None``."""
    content = GoodFaithRecord.objects.filter(code=code).values_list("content", flat=True).first()
    return content if isinstance(content, dict) else None


# --- the good-faith record -------------------------------------------------------------------


ANSWER_KINDS = {
    dialogue_events.PROPOSAL_ACCEPTED.name: "accepted",
    dialogue_events.PROPOSAL_DECLINED.name: "declined",
    dialogue_events.PROPOSAL_COUNTERED.name: "countered",
}


def record_setting(record: dict[str, Any]) -> RecordSetting:
    """What a case record's PDF says around the record, from the case: the office's name, and how the
    other side had answered each of the person's proposals by the record's date ("open" when not).

    Presentation only, not part of the record or its hashes; a journal's record (no case) gets nothing.
    Three queries, however long the record.
    """
    case = Case.objects.filter(reference=str(record.get("case") or "")).select_related("office").first()
    if case is None:
        return RecordSetting()
    made = [e.get("case_event_hash") for e in record.get("events", []) if e.get("kind") == "proposal_made"]
    generated_at = parse_datetime(str(record.get("generated_at", "")))
    answers: dict[str, str] = {}
    if made and generated_at is not None:
        proposal_events = CaseEvent.objects.filter(
            case=case, kind=dialogue_events.PROPOSAL_MADE.name, hash__in=[h for h in made if h]
        ).values_list("hash", "payload")
        proposal_of = {h: payload.get("proposal_id") for h, payload in proposal_events}
        answered = {
            payload.get("proposal_id"): ANSWER_KINDS[kind]
            for kind, payload in CaseEvent.objects.filter(
                case=case, kind__in=ANSWER_KINDS, occurred_at__lte=generated_at
            ).values_list("kind", "payload")
        }
        answers = {h: answered.get(proposal_id, "open") for h, proposal_id in proposal_of.items()}
    return RecordSetting(office=case.office.name, answers=answers)


RECORD_KINDS = tuple(
    kind.name
    for kind in (
        parties_events.CONSENT_GIVEN,
        mediators_events.MEETING_HELD,
        agreements_events.AGREEMENT_SIGNED,
        agreements_events.COMMITMENT_CHECKED,
        dialogue_events.MESSAGE_SENT,
        dialogue_events.PROPOSAL_MADE,
        dialogue_events.PROPOSAL_ACCEPTED,
        dialogue_events.PROPOSAL_DECLINED,
        dialogue_events.PROPOSAL_COUNTERED,
    )
)


def record_events_for(party: Party) -> list[RecordEvent]:
    """The party's own constructive acts in their case, oldest first, with plain payloads.

    Summaries are in the active language. Only the party's own words go in (their proposals, their
    reasons); a message is shown by its hash and the tone check's verdict and categories, never its
    words, and nothing the other party wrote or did not do is included.
    """
    events = CaseEvent.objects.filter(case_id=party.case_id, kind__in=RECORD_KINDS).order_by("sequence")
    own_commitments = set(Commitment.objects.filter(party=party).values_list("id", flat=True))
    involved = Q(proposer=party) | Q(recipient=party)
    proposals = {p.pk: p for p in Proposal.objects.filter(involved, case_id=party.case_id)}
    result = []
    for event in events:
        entry = _record_entry(event, party, own_commitments, proposals)
        if entry is not None:
            summary, payload = entry
            result.append(
                RecordEvent(
                    occurred_at=event.occurred_at,
                    kind=event.kind,
                    summary=summary,
                    payload=payload,
                    case_event_hash=event.hash,
                )
            )
    return result


def _record_entry(
    event: CaseEvent, party: Party, own_commitments: set[int], proposals: dict[int, Proposal]
) -> tuple[str, dict[str, Any]] | None:
    p = event.payload
    if event.kind == mediators_events.MEETING_HELD.name:
        return _("A mediation meeting was held in the case"), {}
    if event.kind == agreements_events.COMMITMENT_CHECKED.name:
        if p.get("commitment_id") in own_commitments and p.get("kept") is True:
            return _("Kept commitment %(position)s of the agreement") % {"position": p["position"]}, {
                "position": p["position"],
                "kept": True,
            }
        return None
    if p.get("party_id") != party.pk:
        return None
    if event.kind == parties_events.CONSENT_GIVEN.name:
        return _("Agreed to take part in mediation"), {}
    if event.kind == agreements_events.AGREEMENT_SIGNED.name:
        return _("Signed agreement version %(number)s") % {"number": p["number"]}, {
            "number": p["number"],
            "content_hash": p.get("content_hash", ""),
        }
    if event.kind == dialogue_events.MESSAGE_SENT.name:
        return _message_entry(p)
    return _proposal_entry(event.kind, p, proposals)


def _message_entry(p: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    to_mediator = p.get("channel") == Channel.MEDIATOR
    summary = _("Sent a message to the mediator") if to_mediator else _("Sent a message to the other party")
    tone = p.get("tone", {})
    return summary, {
        "channel": p.get("channel"),
        "text_sha256": p.get("sha256"),
        "tone": {"hostile": bool(tone.get("hostile")), "categories": list(tone.get("categories", []))},
    }


def _proposal_entry(kind: str, p: dict[str, Any], proposals: dict[int, Proposal]) -> tuple[str, dict[str, Any]]:
    if kind == dialogue_events.PROPOSAL_MADE.name:
        proposal = proposals.get(p["proposal_id"])
        countering = p.get("answers") is not None
        summary = _("Made a counter-proposal") if countering else _("Made a proposal")
        return summary, {
            "proposal_kind": p.get("kind"),
            "text": proposal.text if proposal else "",
            "amount": p.get("amount"),
            "instalments": p.get("instalments"),
            "text_sha256": p.get("sha256"),
        }
    if kind == dialogue_events.PROPOSAL_ACCEPTED.name:
        return _("Accepted a proposal"), {"proposal_sha256": p.get("proposal_sha256")}
    if kind == dialogue_events.PROPOSAL_DECLINED.name:
        answered = proposals.get(p["proposal_id"])
        reason = answered.decline_reason if answered else ""
        return _("Declined a proposal"), {"proposal_sha256": p.get("proposal_sha256"), "reason": reason}
    return _("Answered a proposal with a counter-proposal"), {"proposal_sha256": p.get("proposal_sha256")}

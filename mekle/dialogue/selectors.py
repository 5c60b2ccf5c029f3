"""Reads about messages and proposals: a party's own view of the thread, staff's view, the thread's
settings, and the acts that go into a party's good-faith record."""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from mekle.agreements.models import Commitment
from mekle.cases.models import Case, CaseEvent
from mekle.lib.hashing import sha256_hex
from mekle.parties.models import Party

from .goodfaith import RecordEvent
from .models import Channel, GoodFaithRecord, Message, MessageRead, MessageSetting, Proposal, Thread


def thread_of(case: Case) -> Thread:
    """The case's thread settings; an unsaved row with the defaults when nothing was ever set."""
    return Thread.objects.filter(case=case).first() or Thread(case=case)


def receives_messages(party: Party) -> bool:
    setting = MessageSetting.objects.filter(party=party).first()
    return setting is None or setting.receives_messages


def other_parties(party: Party) -> list[Party]:
    """The other parties of the party's case (their names only are shown; never contact details)."""
    return list(Party.objects.filter(case_id=party.case_id).exclude(pk=party.pk).only("id", "full_name", "case_id"))


def _with_read(messages: QuerySet[Message]) -> QuerySet[Message]:
    read = MessageRead.objects.filter(message=OuterRef("pk"), party=OuterRef("recipient"))
    return messages.select_related("sender", "sender_guardian", "recipient").annotate(read=Exists(read))


def thread_for_party(party: Party) -> list[Message]:
    """What a party may read: what they sent, and direct messages to them. Oldest first."""
    own = Q(sender=party) | Q(channel=Channel.DIRECT, recipient=party)
    return list(_with_read(Message.objects.filter(case_id=party.case_id).filter(own)))


def thread_for_staff(case: Case) -> list[Message]:
    """Every message of the case, the mediator-only channel included. Oldest first."""
    return list(_with_read(Message.objects.filter(case=case)))


def unread_for(party: Party) -> list[int]:
    """Ids of the direct messages to `party` they have not opened yet."""
    read = MessageRead.objects.filter(message=OuterRef("pk"), party=party)
    unread = Message.objects.filter(case_id=party.case_id, channel=Channel.DIRECT, recipient=party)
    return list(unread.exclude(Exists(read)).values_list("id", flat=True))


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


# --- the good-faith record -------------------------------------------------------------------

RECORD_KINDS = (
    "consent_given",
    "meeting_held",
    "agreement_signed",
    "commitment_checked",
    "message_sent",
    "proposal_made",
    "proposal_accepted",
    "proposal_declined",
    "proposal_countered",
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
    if event.kind == "meeting_held":
        return _("A mediation meeting was held in the case"), {}
    if event.kind == "commitment_checked":
        if p.get("commitment_id") in own_commitments and p.get("kept") is True:
            return _("Kept commitment %(position)s of the agreement") % {"position": p["position"]}, {
                "position": p["position"],
                "kept": True,
            }
        return None
    if p.get("party_id") != party.pk:
        return None
    if event.kind == "consent_given":
        return _("Agreed to take part in mediation"), {}
    if event.kind == "agreement_signed":
        return _("Signed agreement version %(number)s") % {"number": p["number"]}, {
            "number": p["number"],
            "content_hash": p.get("content_hash", ""),
        }
    if event.kind == "message_sent":
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
    if kind == "proposal_made":
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
    if kind == "proposal_accepted":
        return _("Accepted a proposal"), {"proposal_sha256": p.get("proposal_sha256")}
    if kind == "proposal_declined":
        answered = proposals.get(p["proposal_id"])
        reason = answered.decline_reason if answered else ""
        return _("Declined a proposal"), {"proposal_sha256": p.get("proposal_sha256"), "reason": reason}
    return _("Answered a proposal with a counter-proposal"), {"proposal_sha256": p.get("proposal_sha256")}

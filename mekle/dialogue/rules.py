"""Who may read and steer a case's messages and proposals."""

from mekle.accounts.types import Actor
from mekle.cases.models import Case
from mekle.cases.rules import is_office_caseworker
from mekle.mediators.rules import is_assigned_mediator
from mekle.parties.models import Party

from .models import Channel, HoldDecision, Message, Proposal


def can_read_thread(user: Actor, case: Case) -> bool:
    """Staff of the case read every message, the mediator-only channel included."""
    return is_office_caseworker(user, case) or is_assigned_mediator(user, case)


def can_steer_thread(user: Actor, case: Case) -> bool:
    """Pause and resume, undo the mediator-only switch, close or open the staff threads."""
    return is_office_caseworker(user, case) or is_assigned_mediator(user, case)


def can_write_to_parties(user: Actor, case: Case) -> bool:
    """The case's caseworkers and assigned mediators write to one party at a time."""
    return is_office_caseworker(user, case) or is_assigned_mediator(user, case)


def can_decide_hold(user: Actor, case: Case) -> bool:
    """Deliver or return a held message: the staff of the case."""
    return is_office_caseworker(user, case) or is_assigned_mediator(user, case)


def can_open_direct_contact(user: Actor, case: Case) -> bool:
    """Only a mediator assigned to the case, who has talked with each party, opens contact despite a concern."""
    return is_assigned_mediator(user, case)


def party_sees_message(party: Party, message: Message) -> bool:
    """A party sees what they sent and what was sent to them (by the other party once nobody holds it
    back, or by the staff); never another party's thread with the staff."""
    if message.case_id != party.case_id:
        return False
    if message.sender_id == party.pk:
        return True
    if message.recipient_id != party.pk:
        return False
    if message.channel == Channel.MEDIATOR:
        return message.staff_author_id is not None
    hold = getattr(message, "hold", None)
    return hold is None or hold.decision == HoldDecision.DELIVERED


def party_sees_proposal(party: Party, proposal: Proposal) -> bool:
    return proposal.case_id == party.case_id and party.pk in (proposal.proposer_id, proposal.recipient_id)


def can_answer_proposal(party: Party, proposal: Proposal) -> bool:
    return proposal.case_id == party.case_id and proposal.recipient_id == party.pk

"""Who may read and steer a case's messages and proposals."""

from typing import Any

from mekle.cases.models import Case
from mekle.cases.rules import is_office_caseworker
from mekle.mediators.rules import is_assigned_mediator
from mekle.parties.models import Party

from .models import Channel, Message, Proposal


def can_read_thread(user: Any, case: Case) -> bool:
    """Staff of the case read every message, the mediator-only channel included."""
    return is_office_caseworker(user, case) or is_assigned_mediator(user, case)


def can_steer_thread(user: Any, case: Case) -> bool:
    """Pause and resume, open the direct channel again, let parties write to the mediator."""
    return is_office_caseworker(user, case) or is_assigned_mediator(user, case)


def party_sees_message(party: Party, message: Message) -> bool:
    """A party sees what they sent and what was sent to them; never another party's mediator channel."""
    if message.case_id != party.case_id:
        return False
    if message.sender_id == party.pk:
        return True
    return message.channel == Channel.DIRECT and message.recipient_id == party.pk


def party_sees_proposal(party: Party, proposal: Proposal) -> bool:
    return proposal.case_id == party.case_id and party.pk in (proposal.proposer_id, proposal.recipient_id)


def can_answer_proposal(party: Party, proposal: Proposal) -> bool:
    return proposal.case_id == party.case_id and proposal.recipient_id == party.pk

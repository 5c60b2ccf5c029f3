"""Writes about messages and proposals. Every function locks the case, refuses with ``GuardError``
sentences, and records its events; sent messages and the words of proposals never change.

Safety first: parties write to each other only while ``contact.direct_contact`` says the door is
open; a party can always write to the staff of their case; staff can pause the parties' thread,
either party can switch at once to the mediator-only channel, and the tone check advises but never
blocks. Notifications say only that there is something new in Mekle.
"""

from .common import MAX_MESSAGE_LENGTH, check_tone
from .messages import (
    deliver_held_message,
    mark_read_by_staff,
    mark_thread_read,
    next_working_day,
    return_held_message,
    send_message,
    send_staff_message,
)
from .proposals import (
    accept_proposal,
    carry_into_agreement,
    counter_proposal,
    decline_proposal,
    make_proposal,
    proposal_hash,
)
from .records import make_goodfaith_record, render_record_pdf
from .thread_settings import (
    choose_direct_contact,
    choose_mediator_channel,
    open_direct_contact,
    pause_thread,
    restore_direct_channel,
    set_hold_flagged,
    set_receives_messages,
    set_staff_threads_closed,
)

__all__ = [
    "MAX_MESSAGE_LENGTH",
    "accept_proposal",
    "carry_into_agreement",
    "check_tone",
    "choose_direct_contact",
    "choose_mediator_channel",
    "counter_proposal",
    "decline_proposal",
    "deliver_held_message",
    "make_goodfaith_record",
    "render_record_pdf",
    "make_proposal",
    "mark_read_by_staff",
    "mark_thread_read",
    "next_working_day",
    "open_direct_contact",
    "pause_thread",
    "proposal_hash",
    "restore_direct_channel",
    "return_held_message",
    "send_message",
    "send_staff_message",
    "set_hold_flagged",
    "set_receives_messages",
    "set_staff_threads_closed",
]

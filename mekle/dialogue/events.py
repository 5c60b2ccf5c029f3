"""The event kinds the `dialogue` app records: messages, read receipts, the thread's safety
settings, proposals and their answers, and good-faith records, with their payloads."""

from typing import NotRequired, TypedDict

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from mekle.cases.events import NoPayload, Personal, register


class PartyNamed(TypedDict):
    party_id: int
    name: Personal[str]


class PartyActs(TypedDict):
    """A party, or a guardian acting for them (`guardian_id`), did something named by the kind."""

    party_id: int
    guardian_id: int | None
    name: Personal[str]


class MessageSent(PartyNamed):
    to_party_id: int | None
    channel: str
    sha256: str
    tone: dict[str, object]
    after_warning: bool


class MessagesRead(TypedDict):
    party_id: NotRequired[int]  # none when the staff read
    name: Personal[str]
    count: int
    message_ids: list[int]


class FlaggedHoldChosen(PartyNamed):
    hold: bool


class StaffWrote(TypedDict):
    author: Personal[str]
    reason: Personal[str]


class ProposalMade(PartyNamed):
    proposal_id: int
    to_party_id: int
    kind: str
    sha256: str
    amount: str | None
    instalments: int | None
    answers: int | None


class ProposalAnswered(PartyNamed):
    proposal_id: int
    proposal_sha256: str


class ProposalDeclined(ProposalAnswered):
    gave_reason: bool


class ProposalCountered(ProposalAnswered):
    counter_id: int


class ProposalCarried(TypedDict):
    proposal_id: int
    version_id: int
    number: int


class GoodFaithRecordMade(PartyNamed):
    code: str
    events: int


class StaffMessageSent(TypedDict):
    author: Personal[str]
    name: Personal[str]
    to_party_id: int
    sha256: str
    include_guardians: bool


class FlaggedMessageSent(TypedDict):
    message_id: int
    channel: str
    categories: str


class MessageHeld(TypedDict):
    message_id: int
    to_party_id: int
    name: Personal[str]


class MessageDelivered(TypedDict):
    message_id: int
    author: Personal[str]
    name: Personal[str]


class MessageReturned(TypedDict):
    message_id: int
    author: Personal[str]
    reason: Personal[str]


MESSAGE_SENT = register("message_sent", _("%(name)s sent a message"), MessageSent)
MESSAGES_READ = register(
    "messages_read",
    ngettext_lazy("%(name)s read %(count)s new message", "%(name)s read %(count)s new messages", "count"),
    MessagesRead,
)
MESSAGES_TURNED_OFF = register("messages_turned_off", _("%(name)s turned messages off"), PartyNamed)
MESSAGES_TURNED_ON = register("messages_turned_on", _("%(name)s turned messages on"), PartyNamed)
THREAD_PAUSED = register("thread_paused", _("Messages paused by staff"), NoPayload)
THREAD_RESUMED = register("thread_resumed", _("Messages resumed by staff"), NoPayload)
MEDIATOR_CHANNEL_CHOSEN = register(
    "mediator_channel_chosen", _("%(name)s chose to write only through the mediator"), PartyNamed
)
DIRECT_CHANNEL_RESTORED = register("direct_channel_restored", _("Messages between the parties opened again"), NoPayload)
# Older timelines: before every party could always write to the staff of their case. Never
# recorded any more; declared so those timelines still describe.
MEDIATOR_MESSAGES_ALLOWED = register("mediator_messages_allowed", _("Parties may write to the mediator"), NoPayload)
MEDIATOR_MESSAGES_STOPPED = register(
    "mediator_messages_stopped", _("Parties may no longer write to the mediator"), NoPayload
)
PROPOSAL_MADE = register("proposal_made", _("%(name)s made a proposal"), ProposalMade)
PROPOSAL_ACCEPTED = register("proposal_accepted", _("%(name)s accepted a proposal"), ProposalAnswered)
PROPOSAL_DECLINED = register("proposal_declined", _("%(name)s declined a proposal"), ProposalDeclined)
PROPOSAL_COUNTERED = register(
    "proposal_countered", _("%(name)s answered a proposal with a counter-proposal"), ProposalCountered
)
PROPOSAL_CARRIED = register(
    "proposal_carried_into_agreement",
    _("An accepted proposal was added to agreement version %(number)s"),
    ProposalCarried,
)
GOODFAITH_RECORD_MADE = register("goodfaith_record_made", _("%(name)s made a good-faith record"), GoodFaithRecordMade)
STAFF_MESSAGE_SENT = register("staff_message_sent", _("%(author)s wrote to %(name)s"), StaffMessageSent)
STAFF_THREADS_CLOSED = register("staff_threads_closed", _("Staff closed the parties' messages to the staff"), NoPayload)
STAFF_THREADS_OPENED = register(
    "staff_threads_opened", _("Staff opened the parties' messages to the staff again"), NoPayload
)
DIRECT_CONTACT_CHOSEN = register(
    "direct_contact_chosen", _("%(name)s chose direct contact with the other party"), PartyActs
)
DIRECT_CONTACT_DECLINED = register("direct_contact_declined", _("%(name)s chose not to have direct contact"), PartyActs)
DIRECT_CONTACT_OPENED = register(
    "direct_contact_opened", _("%(author)s opened direct contact despite a safety concern: %(reason)s"), StaffWrote
)
FLAGGED_HOLD_CHOSEN = register(
    "flagged_hold_chosen", _("%(name)s chose how flagged messages reach them"), FlaggedHoldChosen
)
FLAGGED_MESSAGE_SENT = register(
    "flagged_message_sent",
    _("A message the tone check flagged (%(categories)s) was sent; staff were alerted"),
    FlaggedMessageSent,
)
MESSAGE_HELD = register("message_held", _("A flagged message to %(name)s waits for the office"), MessageHeld)
MESSAGE_DELIVERED = register(
    "message_delivered", _("%(author)s delivered a held message to %(name)s"), MessageDelivered
)
MESSAGE_RETURNED = register(
    "message_returned", _("%(author)s returned a held message to its writer: %(reason)s"), MessageReturned
)

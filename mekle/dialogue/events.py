"""The event kinds the `dialogue` app records: messages, read receipts, the thread's safety
settings, proposals and their answers, and good-faith records."""

from django.utils.translation import gettext_lazy as _

from mekle.cases.events import register

MESSAGE_SENT = register("message_sent", _("%(name)s sent a message"))
MESSAGES_READ = register("messages_read", _("%(name)s read %(count)s new message(s)"))
MESSAGES_TURNED_OFF = register("messages_turned_off", _("%(name)s turned messages off"))
MESSAGES_TURNED_ON = register("messages_turned_on", _("%(name)s turned messages on"))
THREAD_PAUSED = register("thread_paused", _("Messages paused by staff"))
THREAD_RESUMED = register("thread_resumed", _("Messages resumed by staff"))
MEDIATOR_CHANNEL_CHOSEN = register("mediator_channel_chosen", _("%(name)s chose to write only through the mediator"))
DIRECT_CHANNEL_RESTORED = register("direct_channel_restored", _("Messages between the parties opened again"))
# Older timelines: before every party could always write to the staff of their case.
MEDIATOR_MESSAGES_ALLOWED = register("mediator_messages_allowed", _("Parties may write to the mediator"))
MEDIATOR_MESSAGES_STOPPED = register("mediator_messages_stopped", _("Parties may no longer write to the mediator"))
PROPOSAL_MADE = register("proposal_made", _("%(name)s made a proposal"))
PROPOSAL_ACCEPTED = register("proposal_accepted", _("%(name)s accepted a proposal"))
PROPOSAL_DECLINED = register("proposal_declined", _("%(name)s declined a proposal"))
PROPOSAL_COUNTERED = register("proposal_countered", _("%(name)s answered a proposal with a counter-proposal"))
PROPOSAL_CARRIED = register(
    "proposal_carried_into_agreement", _("An accepted proposal was added to agreement version %(number)s")
)
GOODFAITH_RECORD_MADE = register("goodfaith_record_made", _("%(name)s made a good-faith record"))
STAFF_MESSAGE_SENT = register("staff_message_sent", _("%(author)s wrote to %(name)s"))
STAFF_THREADS_CLOSED = register("staff_threads_closed", _("Staff closed the parties' messages to the staff"))
STAFF_THREADS_OPENED = register("staff_threads_opened", _("Staff opened the parties' messages to the staff again"))
DIRECT_CONTACT_CHOSEN = register("direct_contact_chosen", _("%(name)s chose direct contact with the other party"))
DIRECT_CONTACT_DECLINED = register("direct_contact_declined", _("%(name)s chose not to have direct contact"))
DIRECT_CONTACT_OPENED = register(
    "direct_contact_opened", _("%(author)s opened direct contact despite a safety concern: %(reason)s")
)
FLAGGED_HOLD_CHOSEN = register("flagged_hold_chosen", _("%(name)s chose how flagged messages reach them"))
FLAGGED_MESSAGE_SENT = register(
    "flagged_message_sent", _("A message the tone check flagged (%(categories)s) was sent; staff were alerted")
)
MESSAGE_HELD = register("message_held", _("A flagged message to %(name)s waits for the office"))
MESSAGE_DELIVERED = register("message_delivered", _("%(author)s delivered a held message to %(name)s"))
MESSAGE_RETURNED = register("message_returned", _("%(author)s returned a held message to its writer: %(reason)s"))

"""Background work for messages: the neutral notification that something new is waiting in Mekle."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django_tasks import task

from mekle.lib import clock
from mekle.outbox import queue
from mekle.outbox import services as outbox
from mekle.outbox import tasks as outbox_tasks
from mekle.outbox.compose import compose
from mekle.outbox.models import OutboxEmail
from mekle.parties.links import new_link_url, portal_home_url
from mekle.parties.models import Language, Party

from . import contact
from .models import Channel, HoldDecision, Message

ANNOUNCEMENT = "dialogue.new_message"


def _addresses_of(party: Party, *, with_guardians: bool = False) -> list[str]:
    """The party's own address, or the guardians' for a minor without one; never shown to anyone."""
    own = [address for address in (party.user.email if party.user else "", party.email) if address]
    guardians = [g.email for g in party.guardians.all() if g.email]
    if own:
        return sorted(set(own[:1] + (guardians if with_guardians else [])))
    return guardians


def _still_due(message: Message) -> bool:
    """A direct message is announced only while the door is open and nobody holds it back."""
    if message.channel != Channel.DIRECT:
        return message.staff_author_id is not None
    hold = getattr(message, "hold", None)
    if hold is not None and hold.decision != HoldDecision.DELIVERED:
        return False
    return contact.direct_contact_for(message.case).is_open


@task()
def notify_new_message(*, message_id: int, include_guardians: bool = False) -> int:
    """Tell the recipient there is a new message, in their language: never the sender or the words.

    Messages to the staff are announced in the workspace instead (``notices``).
    """
    message = Message.objects.select_related("case__office", "recipient__user", "hold").filter(pk=message_id).first()
    if message is None or message.recipient is None or not _still_due(message):
        return 0
    language = message.recipient.preferred_language
    recipients = _addresses_of(message.recipient, with_guardians=include_guardians)
    if not recipients:
        return 0
    with translation.override(language if language != Language.OTHER else Language.BOKMAL):
        context = {"url": portal_home_url(), "new_link_url": new_link_url()}
        email = compose("dialogue/email/new_message", context, to=recipients, office=message.case.office)
    with transaction.atomic():  # one announcement per message, however often this task runs
        emails = outbox.queue_emails(
            [email],
            source=ANNOUNCEMENT,
            keys=[f"{message.pk}{'+guardians' if include_guardians else ''}"],
            hand_to_worker=False,
        )
    outbox_tasks.send_queued(emails)
    return len(recipients) if emails else 0


# A message delivered (or released from hold) this recently whose announcement is not in the outbox
# had its task lost between the commit and the enqueue; older ones are left alone.
ANNOUNCE_WITHIN = dt.timedelta(days=2)


def catch_up_announcements() -> int:
    """Enqueue the announcement of every recent message to a party that would be announced now but is
    not in the outbox and has no task waiting; part of the worker's sweep. The number enqueued."""
    since = clock.now() - ANNOUNCE_WITHIN
    waiting = {int(value) for value in queue.waiting(notify_new_message, "message_id")}
    announced = {
        int(key.removesuffix("+guardians"))
        for key in OutboxEmail.objects.filter(source=ANNOUNCEMENT, created_at__gte=since - ANNOUNCE_WITHIN)
        .values_list("key", flat=True)
        .iterator()
    }
    recent = (
        Message.objects.filter(recipient__isnull=False)
        .filter(Q(sent_at__gte=since) | Q(hold__decided_at__gte=since))
        .exclude(pk__in=waiting | announced)
        .select_related("case", "recipient__user", "hold")
        .prefetch_related("recipient__guardians")
        .order_by("pk")
    )
    # The address first (no query, the guardians are prefetched), then whether it is still due (a query
    # for a direct message): only messages nobody announced get this far.
    due = [
        message.pk
        for message in recent
        if _addresses_of(message.recipient)  # type: ignore[arg-type]  # filtered: a recipient
        and _still_due(message)
    ]
    for message_id in due:
        notify_new_message.enqueue(message_id=message_id)
    return len(due)

"""Sending and reading messages: between the parties (only through the contact rule), between a
party and the case's staff, and the flagged messages the office reads first.

A message flagged as a threat, or any flagged message in a criminal case, alerts the case's staff at
once; the writer is never stopped. When the recipient chose to have flagged messages read by the
office first, the message waits (``MessageHold``) until staff deliver it or return it.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mekle.accounts.types import Actor, signed_in_user
from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.cases.models import Case, CaseEvent, Visibility
from mekle.dialogue import events as dialogue_events
from mekle.lib import clock
from mekle.lib.hashing import sha256_hex
from mekle.notices import services as notice_services
from mekle.notices.models import NoticeKind
from mekle.parties.models import Party
from mekle.parties.participants import Participant

from .. import contact, rules, selectors
from ..models import Channel, HoldDecision, Message, MessageHold, MessageRead, Thread
from ..signals import message_delivered
from . import common
from .common import clean_text, lock_for_staff_thread, staff_name

ALERTING_CATEGORY = "threat"
CATEGORY_LABELS = {
    "insult": gettext_lazy("insult"),
    "threat": gettext_lazy("threat"),
    "blame": gettext_lazy("blame"),
    "contempt": gettext_lazy("contempt"),
    "shouting": gettext_lazy("shouting"),
    "ultimatum": gettext_lazy("ultimatum"),
    "profanity": gettext_lazy("profanity"),
}


def category_labels(categories: list[str]) -> str:
    """The tone check's categories as words, in the active language ("threat, insult")."""
    return ", ".join(str(CATEGORY_LABELS.get(category, category)) for category in categories)


def _ensure_reachable(recipient: Party, sender: Party) -> None:
    if recipient.case_id != sender.case_id or recipient.pk == sender.pk:
        raise lifecycle.GuardError([_("Choose another party of your case.")])


def _ensure_staff_thread_open(thread: Thread) -> None:
    if thread.staff_threads_closed:
        raise lifecycle.GuardError([_("The office has closed messages to the staff in this case for now.")])


@transaction.atomic
def send_message(
    *,
    actor: Actor | None,
    participant: Participant,
    text: str,
    recipient: Party | None,
    language: str,
    after_warning: bool = False,
) -> Message:
    """Send `text` from the participant's party to `recipient`, or to the case's staff when `recipient` is None.

    To another party only while ``contact.direct_contact`` says the door is open. The tone check
    runs again on the words actually sent; its score and categories are kept, never the words.
    """
    text = clean_text(text)
    party = participant.party
    case, thread = lock_for_staff_thread(participant.case)
    if recipient is None:
        _ensure_staff_thread_open(thread)
    else:
        _ensure_reachable(recipient, party)
        contact.direct_contact_for(case).ensure_open()
    channel = Channel.MEDIATOR if recipient is None else Channel.DIRECT
    result = common.check_tone(text, language)
    digest = sha256_hex(text)
    categories = sorted(set(result.categories))
    event = case_services.record_event(
        case=case,
        kind=dialogue_events.MESSAGE_SENT,
        actor=actor,
        payload={
            **participant.named(),
            "channel": channel,
            "to_party_id": recipient.pk if recipient is not None else None,
            "sha256": digest,
            "tone": {"hostile": bool(result.hostile), "score": round(float(result.score), 3), "categories": categories},
            "after_warning": after_warning,
        },
        visibility=Visibility.PARTIES if channel == Channel.DIRECT else Visibility.STAFF,
    )
    message = Message.objects.create(
        case=case,
        channel=channel,
        sender=party,
        sender_guardian=participant.guardian,
        recipient=recipient,
        text=text,
        sha256=digest,
        tone_hostile=bool(result.hostile),
        tone_score=float(result.score),
        tone_categories=categories,
        sent_after_warning=after_warning,
        sent_at=event.occurred_at,
        event=event,
    )
    if message.tone_hostile and (ALERTING_CATEGORY in categories or case.is_criminal):
        _alert_staff(actor, case, message)
    if recipient is None:
        staff = selectors.responsible_staff(case)
        notice_services.notify_case_staff(case=case, kind=NoticeKind.PARTY_MESSAGE, event=event, recipients=staff)
    elif message.tone_hostile and selectors.holds_flagged(recipient, case):
        _hold(actor, case, message)
    else:
        transaction.on_commit(lambda: message_delivered.send(sender=Message, message_id=message.pk))
    return message


def _alert_staff(actor: Actor | None, case: Case, message: Message) -> None:
    categories = ", ".join(message.tone_categories)
    event = case_services.record_event(
        case=case,
        kind=dialogue_events.FLAGGED_MESSAGE_SENT,
        actor=actor,
        payload={"message_id": message.pk, "categories": categories, "channel": message.channel},
    )
    with translation.override("nb"):  # the staff's e-mail is in bokmål
        label = category_labels(message.tone_categories or [ALERTING_CATEGORY])
    notice_services.notify_case_staff(case=case, kind=NoticeKind.FLAGGED_MESSAGE, event=event, category=label)


def next_working_day(moment: dt.datetime) -> dt.datetime:
    """The same time on the next weekday: the office's promise for a held message.

    Counted on the office's clock (Oslo), not UTC's: held at 00:30 on a Friday, it is due on Monday.
    """
    day = timezone.localtime(moment) + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _hold(actor: Actor | None, case: Case, message: Message) -> MessageHold:
    now = clock.now()
    hold = MessageHold.objects.create(message=message, held_at=now, due_at=next_working_day(now))
    recipient: Party = message.recipient  # type: ignore[assignment]  # a direct message has one
    event = case_services.record_event(
        case=case,
        kind=dialogue_events.MESSAGE_HELD,
        actor=actor,
        payload={"message_id": message.pk, "to_party_id": recipient.pk, "name": recipient.full_name},
    )
    notice_services.notify_case_staff(
        case=case, kind=NoticeKind.MESSAGE_HELD, event=event, recipients=selectors.responsible_staff(case)
    )
    return hold


def _lock_hold(actor: Actor, hold: MessageHold) -> tuple[Case, MessageHold]:
    case = case_services.lock_case(hold.message.case)
    if not rules.can_decide_hold(actor, case):
        raise lifecycle.GuardError([_("Only the staff of the case can deliver or return a held message.")])
    fresh = MessageHold.objects.select_for_update(of=("self",)).select_related("message__recipient").get(pk=hold.pk)
    if fresh.decision:
        raise lifecycle.GuardError([_("This message has already been delivered or returned.")])
    return case, fresh


def _decide(hold: MessageHold, actor: Actor, decision: str, reason: str = "") -> None:
    hold.decision = decision
    hold.reason = reason
    hold.decided_by = signed_in_user(actor)
    hold.decided_at = clock.now()
    hold.save(update_fields=["decision", "reason", "decided_by", "decided_at"])


@transaction.atomic
def deliver_held_message(*, actor: Actor, hold: MessageHold) -> MessageHold:
    """Staff let a held message through: the recipient sees it now and is told there is something new.

    Only while direct contact is open: if it closed while the message waited (the recipient turned
    messages off, say), delivering would go round that; staff read why and can return it instead.
    """
    case, hold = _lock_hold(actor, hold)
    lifecycle.ensure_open(case)
    rule = contact.direct_contact_for(case)
    if not rule.is_open:
        raise lifecycle.GuardError(rule.staff_reasons)
    _decide(hold, actor, HoldDecision.DELIVERED)
    recipient: Party = hold.message.recipient  # type: ignore[assignment]  # a held message is direct
    case_services.record_event(
        case=case,
        kind=dialogue_events.MESSAGE_DELIVERED,
        actor=actor,
        payload={"message_id": hold.message_id, "name": recipient.full_name, "author": staff_name(actor)},
    )
    message_id = hold.message_id
    transaction.on_commit(lambda: message_delivered.send(sender=Message, message_id=message_id))
    return hold


@transaction.atomic
def return_held_message(*, actor: Actor, hold: MessageHold, reason: str) -> MessageHold:
    """Staff give a held message back to its writer with a reason; the recipient never sees it."""
    reason = reason.strip()
    if not reason:
        raise lifecycle.GuardError([_("Say why the message is returned; the writer will read it.")])
    case, hold = _lock_hold(actor, hold)
    _decide(hold, actor, HoldDecision.RETURNED, reason)
    case_services.record_event(
        case=case,
        kind=dialogue_events.MESSAGE_RETURNED,
        actor=actor,
        payload={"message_id": hold.message_id, "reason": reason, "author": staff_name(actor)},
        visibility=Visibility.PARTIES,
    )
    return hold


@transaction.atomic
def send_staff_message(
    *, actor: Actor, party: Party, text: str, include_guardians: bool = False, language: str = "nb"
) -> Message:
    """A member of the case's staff writes to one party (and their guardians), whom nobody else reads."""
    text = clean_text(text)
    case, _thread = lock_for_staff_thread(party.case)
    if not rules.can_write_to_parties(actor, case):
        raise lifecycle.GuardError([_("Only the staff of the case can write to its parties.")])
    if party.case_id != case.pk:
        raise lifecycle.GuardError([_("Choose a party of this case.")])
    result = common.check_tone(text, language)
    digest = sha256_hex(text)
    event: CaseEvent = case_services.record_event(
        case=case,
        kind=dialogue_events.STAFF_MESSAGE_SENT,
        actor=actor,
        payload={
            "to_party_id": party.pk,
            "name": party.full_name,
            "author": staff_name(actor),
            "sha256": digest,
            "include_guardians": include_guardians,
        },
    )
    message = Message.objects.create(
        case=case,
        channel=Channel.MEDIATOR,
        staff_author=signed_in_user(actor),
        recipient=party,
        text=text,
        sha256=digest,
        tone_hostile=bool(result.hostile),
        tone_score=float(result.score),
        tone_categories=sorted(set(result.categories)),
        sent_at=event.occurred_at,
        event=event,
    )
    transaction.on_commit(
        lambda: message_delivered.send(sender=Message, message_id=message.pk, include_guardians=include_guardians)
    )
    return message


@transaction.atomic
def mark_thread_read(*, actor: Actor | None, participant: Participant) -> int:
    """The party opened the thread: a read receipt for each new message to them, and one event."""
    party = participant.party
    unread = selectors.unread_for(party)
    if not unread:
        return 0
    case = case_services.lock_case(participant.case)
    now = clock.now()
    MessageRead.objects.bulk_create(
        [MessageRead(message_id=pk, party=party, read_at=now) for pk in unread], ignore_conflicts=True
    )
    case_services.record_event(
        case=case,
        kind=dialogue_events.MESSAGES_READ,
        actor=actor,
        payload={**participant.named(), "count": len(unread), "message_ids": unread},
        visibility=Visibility.PARTIES,
    )
    return len(unread)


@transaction.atomic
def mark_read_by_staff(*, actor: Actor, case: Case) -> int:
    """A member of the case's staff opened the messages: a receipt for each party's message to the staff."""
    unread = selectors.unread_by_staff(case, actor)
    if not unread:
        return 0
    case = case_services.lock_case(case)
    now = clock.now()
    MessageRead.objects.bulk_create(
        [MessageRead(message_id=pk, user=signed_in_user(actor), read_at=now) for pk in unread], ignore_conflicts=True
    )
    case_services.record_event(
        case=case,
        kind=dialogue_events.MESSAGES_READ,
        actor=actor,
        payload={"name": staff_name(actor), "count": len(unread), "message_ids": unread},
    )
    return len(unread)

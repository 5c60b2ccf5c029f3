"""The switches around a case's messages: the party's own choices (messages off, mediator only,
direct contact for the person harmed, flagged messages read by the office first) and staff's
(pause, close the staff threads, open direct contact despite a safety concern).

Each switch is an event on the timeline, which is what ``contact.direct_contact`` reads.
"""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from mekle.accounts.types import Actor
from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.cases.models import Case, CaseEvent, Visibility
from mekle.dialogue import events as dialogue_events
from mekle.lib import clock
from mekle.parties.models import Party
from mekle.parties.participants import Participant

from .. import contact, rules
from ..models import MessageSetting, Thread
from .common import lock_open, staff_name


def _save_thread(thread: Thread, **changes: Any) -> Thread:
    for name, value in changes.items():
        setattr(thread, name, value)
    thread.changed_at = clock.now()
    thread.save()
    return thread


def _ensure_own_choice(actor: Actor | None, participant: Participant) -> None:
    """Only the person themselves, signed in to the portal, makes this choice: staff cannot make it for them."""
    participant.ensure_together()
    if actor is None or not actor.is_authenticated or participant.person.user_id != actor.pk:
        raise lifecycle.GuardError([_("Only the person themselves can make this choice, in the portal.")])


@transaction.atomic
def set_receives_messages(*, actor: Actor | None, participant: Participant, on: bool) -> MessageSetting:
    """Turn direct messages to and from the participant's party off (the door closes for both sides) or on again."""
    case = case_services.lock_case(participant.case)
    setting, _created = MessageSetting.objects.update_or_create(
        party=participant.party, defaults={"receives_messages": on, "changed_at": clock.now()}
    )
    case_services.record_event(
        case=case,
        kind=dialogue_events.MESSAGES_TURNED_ON if on else dialogue_events.MESSAGES_TURNED_OFF,
        actor=actor,
        payload=participant.named(),
    )
    return setting


@transaction.atomic
def set_hold_flagged(*, actor: Actor | None, participant: Participant, hold: bool) -> MessageSetting:
    """The party's choice: a flagged message to them is read by the office first (`hold`), or shown at once."""
    _ensure_own_choice(actor, participant)
    case = case_services.lock_case(participant.case)
    setting, _created = MessageSetting.objects.update_or_create(
        party=participant.party, defaults={"hold_flagged": hold, "changed_at": clock.now()}
    )
    case_services.record_event(
        case=case,
        kind=dialogue_events.FLAGGED_HOLD_CHOSEN,
        actor=actor,
        payload={**participant.named(), "hold": hold},
    )
    return setting


@transaction.atomic
def choose_direct_contact(
    *, actor: Actor | None, participant: Participant, on: bool, hold_flagged: bool | None = None
) -> None:
    """The person harmed in a criminal case chooses (or stops) direct contact, on their own page.

    With `hold_flagged` they also choose, at the same time, how a flagged message reaches them.
    """
    _ensure_own_choice(actor, participant)
    party = participant.party
    case, _thread = lock_open(participant.case)
    rule = contact.direct_contact_for(case)
    if not rule.may_choose(party.pk, as_guardian=participant.acts_as_guardian):
        if party.pk in rule.guardian_chooses:
            raise lifecycle.GuardError([_("For a minor, a guardian makes this choice.")])
        raise lifecycle.GuardError([_("In this case, this choice is not yours to make.")])
    case_services.record_event(
        case=case,
        kind=dialogue_events.DIRECT_CONTACT_CHOSEN if on else dialogue_events.DIRECT_CONTACT_DECLINED,
        actor=actor,
        payload=participant.who(),
    )
    if hold_flagged is not None:
        set_hold_flagged(actor=actor, participant=participant, hold=hold_flagged)


@transaction.atomic
def open_direct_contact(*, actor: Actor, case: Case, reason: str) -> CaseEvent:
    """The assigned mediator opens direct contact despite a safety concern, after talking with each party.

    It answers the concerns recorded so far; a concern recorded later closes the door again.
    """
    reason = reason.strip()
    case, _thread = lock_open(case)
    if not rules.can_open_direct_contact(actor, case):
        raise lifecycle.GuardError([_("Only a mediator assigned to the case can open direct contact.")])
    if not reason:
        raise lifecycle.GuardError([_("Write why direct contact is safe now.")])
    facts = contact.contact_facts_for(case)
    if not facts.safety_concern:
        raise lifecycle.GuardError([_("There is no safety concern to answer; the usual rule decides.")])
    unprepared = lifecycle.every_party_prepared(facts.case)
    if unprepared:
        raise lifecycle.GuardError([_("Talk with each party first."), *unprepared])
    return case_services.record_event(
        case=case,
        kind=dialogue_events.DIRECT_CONTACT_OPENED,
        actor=actor,
        payload={"reason": reason, "author": staff_name(actor)},
    )


@transaction.atomic
def choose_mediator_channel(*, actor: Actor | None, participant: Participant) -> Thread:
    """At once, nobody writes to the other party directly any more. Only staff learn who chose it."""
    case, thread = lock_open(participant.case)
    if thread.mediator_only:
        return thread
    _save_thread(thread, mediator_only=True, mediator_only_party=participant.party)
    case_services.record_event(
        case=case,
        kind=dialogue_events.MEDIATOR_CHANNEL_CHOSEN,
        actor=actor,
        payload=participant.named(),
    )
    return thread


@transaction.atomic
def restore_direct_channel(*, actor: Actor | None, case: Case, party: Party | None = None) -> Thread:
    """Undo the mediator-only switch: staff, or the party who chose it."""
    case, thread = lock_open(case)
    if party is not None and thread.mediator_only_party_id != party.pk:
        raise lifecycle.GuardError([_("Only the office can open direct messages again.")])
    if not thread.mediator_only:
        return thread
    _save_thread(thread, mediator_only=False, mediator_only_party=None)
    case_services.record_event(case=case, kind=dialogue_events.DIRECT_CHANNEL_RESTORED, actor=actor)
    return thread


@transaction.atomic
def pause_thread(*, actor: Actor | None, case: Case, paused: bool) -> Thread:
    """Staff stop (or allow again) every message and proposal between the parties."""
    case, thread = lock_open(case)
    if thread.paused == paused:
        return thread
    _save_thread(thread, paused=paused)
    kind = dialogue_events.THREAD_PAUSED if paused else dialogue_events.THREAD_RESUMED
    case_services.record_event(case=case, kind=kind, actor=actor, visibility=Visibility.PARTIES)
    return thread


@transaction.atomic
def set_staff_threads_closed(*, actor: Actor, case: Case, closed: bool) -> Thread:
    """Staff close (or open again) the parties' messages to the staff of the case."""
    case, thread = lock_open(case)
    if thread.staff_threads_closed == closed:
        return thread
    _save_thread(thread, staff_threads_closed=closed)
    kind = dialogue_events.STAFF_THREADS_CLOSED if closed else dialogue_events.STAFF_THREADS_OPENED
    case_services.record_event(case=case, kind=kind, actor=actor, visibility=Visibility.PARTIES)
    return thread

"""How a case looks to a party: its status and next step in one plain sentence each, what they may
do in the case's thread now, and a flagged message cut into marked pieces."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mekle.cases.models import Status
from mekle.dialogue import selectors as dialogue_selectors
from mekle.dialogue.contact import DirectContact, direct_contact_for, harmed_waiting_sentence, not_open_sentence
from mekle.dialogue.models import Thread
from mekle.parties.models import Party
from mekle.parties.participants import Participant

from .panels import OwnAgreement, withdrew

# Where the case is, in one plain sentence for a party: one entry for every status (a test fails
# when a status is missing). A withdrawal reads "has ended" to everyone but the one who withdrew.
STATUS_TEXT: dict[Status, str | Promise] = {
    Status.RECEIVED: gettext_lazy("We have received the case and will look at it soon."),
    Status.ASSESSING: gettext_lazy("We are finding out whether mediation can help in this case."),
    Status.PREPARING: gettext_lazy("The case is suitable for mediation, and we are preparing the meeting."),
    Status.MEETING_SCHEDULED: gettext_lazy("The meeting has been scheduled."),
    Status.MEETING_HELD: gettext_lazy("The meeting has been held."),
    Status.IN_FOLLOW_UP: gettext_lazy("You reached an agreement, and we are following it up."),
    Status.NOT_SUITABLE: gettext_lazy("The case was found not suitable for mediation and is closed."),
    Status.NO_AGREEMENT: gettext_lazy("The meeting ended without an agreement, and the case is closed."),
    Status.FULFILLED: gettext_lazy("The agreement was kept, and the case is closed."),
    Status.NOT_FULFILLED: gettext_lazy("The agreement was not kept, and the case is closed."),
    Status.WITHDRAWN: gettext_lazy("The mediation has ended."),
}
WITHDREW_TEXT = gettext_lazy("You withdrew from the mediation, and the case is closed.")


def status_sentence(status: str, *, withdrew: bool = False) -> str:
    """Where the case is, for this person. After a withdrawal only the one who withdrew is told so;
    everyone else reads that the mediation has ended, never who ended it or why."""
    if status == Status.WITHDRAWN and withdrew:
        return str(WITHDREW_TEXT)
    return str(STATUS_TEXT[Status(status)])


@dataclass(frozen=True)
class PartyProgress:
    """What a party's next step depends on besides the status."""

    consented: bool
    answered: bool
    agreement: OwnAgreement | None


def _before_meeting(status: Status, progress: PartyProgress) -> str:
    if not progress.consented:
        return _("Read the information and tell us whether you want to take part.")
    if not progress.answered and status != Status.MEETING_SCHEDULED:
        return _("Answer a few questions before your preparatory talk with the mediator.")
    if status == Status.MEETING_SCHEDULED:
        return _("Come to the meeting. You can still change your answers before it.")
    return _("The mediator will contact you for a preparatory talk.")


def _after_meeting(status: Status, progress: PartyProgress) -> str:
    if progress.agreement is None:
        return _("The mediator is writing down your agreement. You will be asked to read and sign it.")
    if progress.agreement.due:
        return _("Read the agreement, and sign it if it says what you agreed.")
    return _("The mediator approves the agreement once everyone who must sign has signed.")


def _in_follow_up(status: Status, progress: PartyProgress) -> str:
    return _("We will ask you whether the agreement has been kept.")


def _closed(status: Status, progress: PartyProgress) -> str:
    return _("There is nothing more you need to do.")


# The one thing a party can do now, or what they wait for: one entry for every status.
NEXT_STEP: dict[Status, Callable[[Status, PartyProgress], str]] = {
    Status.RECEIVED: _before_meeting,
    Status.ASSESSING: _before_meeting,
    Status.PREPARING: _before_meeting,
    Status.MEETING_SCHEDULED: _before_meeting,
    Status.MEETING_HELD: _after_meeting,
    Status.IN_FOLLOW_UP: _in_follow_up,
    Status.NOT_SUITABLE: _closed,
    Status.NO_AGREEMENT: _closed,
    Status.FULFILLED: _closed,
    Status.NOT_FULFILLED: _closed,
    Status.WITHDRAWN: _closed,
}


def next_step(status: str, *, consented: bool, answered: bool, agreement: OwnAgreement | None = None) -> str:
    """The one thing the party can do now, or what they are waiting for."""
    progress = PartyProgress(consented=consented, answered=answered, agreement=agreement)
    return NEXT_STEP[Status(status)](Status(status), progress)


@dataclass(frozen=True)
class NextAction:
    """The next step as a button on the party's case page: what it says and where it leads."""

    label: str
    url: str


def next_action(
    case: Any, *, consented: bool, answered: bool, can_answer: bool, agreement: OwnAgreement | None = None
) -> NextAction | None:
    """The one page the party should open next, or None when they only wait (the sentence says for what)."""
    if not case.is_open:
        return None
    if agreement is not None and agreement.due:
        return NextAction(_("Read and sign the agreement"), reverse("portal:agreement", args=[case.reference]))
    if agreement is None and case.status in (Status.MEETING_HELD, Status.IN_FOLLOW_UP):
        return None
    if not consented:
        return NextAction(_("Tell us whether you want to take part"), reverse("portal:consent", args=[case.reference]))
    if can_answer and not answered and case.status != Status.MEETING_SCHEDULED:
        return NextAction(
            _("Answer a few questions before the preparatory talk"),
            reverse("portal:preparation", args=[case.reference]),
        )
    return None


def closed_case(participant: Participant) -> dict[str, object]:
    """What a page of a closed case says to this person: their receipt, or a neutral sentence.

    Empty for an open case, so a page can always add it to its context."""
    if participant.case.is_open:
        return {}
    did_withdraw = withdrew(participant)
    return {
        "withdrew": did_withdraw,
        "closed_sentence": status_sentence(participant.case.status, withdrew=did_withdraw),
    }


# --- The thread ----------------------------------------------------------------------------------

# The `to` value that means the staff of the case (mediator and office), beside the parties' ids.
MEDIATOR = "mediator"


@dataclass(frozen=True)
class ThreadState:
    """What a party may do in the thread now, and to whom: the contact rule's answer, for one person."""

    thread: Thread
    contact: DirectContact
    receives: bool
    holds_flagged: bool
    others: list[Party]
    message_choices: list[tuple[str, str]]
    proposal_choices: list[tuple[str, str]]
    may_choose_contact: bool
    chose_contact: bool | None

    @property
    def can_write(self) -> bool:
        return bool(self.message_choices)

    @property
    def can_propose(self) -> bool:
        return bool(self.proposal_choices)

    @property
    def direct_open(self) -> bool:
        return self.contact.is_open

    @property
    def staff_open(self) -> bool:
        return any(value == MEDIATOR for value, _label in self.message_choices)

    @property
    def direct_waiting_for(self) -> list[str]:
        """Why direct messages are not open, in words that name nobody (empty when they are open)."""
        if self.contact.is_open:
            return []
        sentences = self.contact.waiting_for or [not_open_sentence()]
        if self.may_choose_contact:  # the person harmed reads that it waits for them
            yours = str(_("Direct messages open only if you choose them, below."))
            sentences = [yours if s == harmed_waiting_sentence() else s for s in sentences]
        return sentences


def thread_state(participant: Participant) -> ThreadState:
    """What `participant`'s person may do in the case's thread now, and to whom."""
    case = participant.case
    thread = dialogue_selectors.thread_of(case)
    rule = direct_contact_for(case)
    others = dialogue_selectors.other_parties(participant.party)
    reachable = [(str(p.pk), p.full_name) for p in others] if rule.is_open else []
    staff_open = dialogue_selectors.staff_thread_open(case, thread)
    to_staff = [(MEDIATOR, str(_("The staff of your case (mediator and office)")))] if staff_open else []
    may_choose = rule.may_choose(participant.party.pk, as_guardian=participant.acts_as_guardian) and case.is_open
    choices = dialogue_selectors.own_choices(participant.party, case)
    return ThreadState(
        thread=thread,
        contact=rule,
        receives=choices.receives,
        holds_flagged=choices.holds_flagged,
        others=others,
        message_choices=reachable + to_staff,
        proposal_choices=reachable,
        may_choose_contact=may_choose,
        chose_contact=rule.harmed_choice.get(participant.party.pk) if may_choose else None,
    )


@dataclass(frozen=True)
class Segment:
    """A piece of a message: plain, or flagged by the tone check with its reason and category."""

    text: str
    reason: str = ""
    category: str = ""


def segments_of(text: str, spans: list[Any]) -> list[Segment]:
    """`text` cut into plain and flagged pieces, so the page can mark the words and say why."""
    pieces, at = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < at or span.end > len(text):
            continue
        if span.start > at:
            pieces.append(Segment(text[at : span.start]))
        pieces.append(Segment(text[span.start : span.end], reason=span.reason, category=span.category))
        at = span.end
    if at < len(text):
        pieces.append(Segment(text[at:]))
    return pieces

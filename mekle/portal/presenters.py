"""How a case looks to a party: its status and next step in one plain sentence each."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mekle.cases.models import Status
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

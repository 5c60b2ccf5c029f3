"""How a case looks to a party: its status and next step in one plain sentence each."""

from django.utils.translation import gettext as _

from mekle.access.selectors import Membership
from mekle.cases.models import Status

from .panels import OwnAgreement, withdrew


def status_sentence(status: str, *, withdrew: bool = False) -> str:
    """Where the case is, for this person. After a withdrawal only the one who withdrew is told so;
    everyone else reads that the mediation has ended, never who ended it or why."""
    if status == Status.WITHDRAWN:
        return (
            _("You withdrew from the mediation, and the case is closed.") if withdrew else _("The mediation has ended.")
        )
    sentences = {
        Status.RECEIVED: _("We have received the case and will look at it soon."),
        Status.ASSESSING: _("We are finding out whether mediation can help in this case."),
        Status.PREPARING: _("The case is suitable for mediation, and we are preparing the meeting."),
        Status.MEETING_SCHEDULED: _("The meeting has been scheduled."),
        Status.MEETING_HELD: _("The meeting has been held."),
        Status.IN_FOLLOW_UP: _("You reached an agreement, and we are following it up."),
        Status.NOT_SUITABLE: _("The case was found not suitable for mediation and is closed."),
        Status.NO_AGREEMENT: _("The meeting ended without an agreement, and the case is closed."),
        Status.FULFILLED: _("The agreement was kept, and the case is closed."),
        Status.NOT_FULFILLED: _("The agreement was not kept, and the case is closed."),
    }
    return sentences.get(Status(status), "")


def next_step(status: str, *, consented: bool, answered: bool, agreement: OwnAgreement | None = None) -> str:
    """The one thing the party can do now, or what they are waiting for."""
    if status in (Status.RECEIVED, Status.ASSESSING, Status.PREPARING, Status.MEETING_SCHEDULED):
        if not consented:
            return _("Read the information and tell us whether you want to take part.")
        if not answered and status != Status.MEETING_SCHEDULED:
            return _("Answer a few questions before your preparatory talk with the mediator.")
        if status == Status.MEETING_SCHEDULED:
            return _("Come to the meeting. You can still change your answers before it.")
        return _("The mediator will contact you for a preparatory talk.")
    if status == Status.MEETING_HELD:
        if agreement is None:
            return _("The mediator is writing down your agreement. You will be asked to read and sign it.")
        if agreement.due:
            return _("Read the agreement, and sign it if it says what you agreed.")
        return _("The mediator approves the agreement once everyone who must sign has signed.")
    if status == Status.IN_FOLLOW_UP:
        return _("We will ask you whether the agreement has been kept.")
    return _("There is nothing more you need to do.")


def closed_case(membership: Membership) -> dict[str, object]:
    """What a page of a closed case says to this person: their receipt, or a neutral sentence.

    Empty for an open case, so a page can always add it to its context."""
    if membership.case.is_open:
        return {}
    did_withdraw = withdrew(membership)
    return {
        "withdrew": did_withdraw,
        "closed_sentence": status_sentence(membership.case.status, withdrew=did_withdraw),
    }

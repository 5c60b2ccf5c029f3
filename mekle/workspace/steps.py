"""The staff door's map of the lifecycle's moves to its pages: one entry for every `Action`.

The case page's next steps (`presenters.next_steps`) loop over this map; a test fails when an
action is missing from it.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mekle.cases.lifecycle import Action


@dataclass(frozen=True)
class StepPage:
    """The page a move is made on. `key` merges moves that share a page (assessing decides two);
    `per_meeting` pages need the scheduled meeting; `post` is a button, not a link; without
    `shows_reasons` the page itself explains what is missing (the agreement and follow-up pages)."""

    url_name: str
    label: str | Promise
    key: str = ""
    post: bool = False
    per_meeting: bool = False
    shows_reasons: bool = True


ASSESS = StepPage("workspace:assess", _("Assess suitability"), key="assess")
FOLLOW_UP = StepPage("workspace:follow_up", _("Conclude the follow-up"), key="follow_up", shows_reasons=False)

STEP_PAGES: dict[Action, tuple[StepPage, ...]] = {
    Action.START_ASSESSMENT: (
        StepPage("workspace:start_assessment", _("Start assessment"), post=True),
        ASSESS,
    ),
    Action.FIND_SUITABLE: (ASSESS,),
    Action.FIND_NOT_SUITABLE: (ASSESS,),
    Action.SCHEDULE_MEETING: (StepPage("workspace:schedule_meeting", _("Schedule the meeting")),),
    Action.HOLD_MEETING: (
        StepPage("workspace:record_meeting_result", _("Record the meeting and its result"), per_meeting=True),
    ),
    Action.CANCEL_MEETING: (
        # A page that says what happens and who is told, with a reason, before it cancels.
        StepPage("workspace:cancel_meeting", _("Cancel the meeting"), per_meeting=True),
    ),
    # Approving the agreement makes this move; until then the agreement's page is the step.
    Action.REACH_AGREEMENT: (
        StepPage(
            "workspace:agreement",
            _("Write the agreement, collect the signatures and approve it"),
            shows_reasons=False,
        ),
    ),
    # Recorded with the meeting's result, or when no written agreement is approved.
    Action.REACH_NO_AGREEMENT: (),
    # The follow-up page answers for each commitment and concludes (agreements.services.conclude).
    Action.MARK_FULFILLED: (FOLLOW_UP,),
    Action.MARK_NOT_FULFILLED: (FOLLOW_UP,),
    Action.OFFER_NEW_MEETING: (),
    # Withdrawal belongs to a party: each party's row has its own link.
    Action.WITHDRAW: (),
}

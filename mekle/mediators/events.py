"""The event kinds the `mediators` app records."""

from django.utils.translation import gettext_lazy as _

from mekle.cases.events import register

MEDIATOR_ASSIGNED = register("mediator_assigned", _("%(name)s assigned as mediator"))
MEDIATOR_UNASSIGNED = register("mediator_unassigned", _("%(name)s taken off the case"))
TIE_DECLARED = register("tie_declared", _("%(name)s declared a tie to %(party_name)s"))
MEETING_SCHEDULED = register("meeting_scheduled", _("Meeting scheduled for %(starts_at_display)s"))
MEETING_CANCELLED = register("meeting_cancelled", _("Meeting cancelled"))
MEETING_HELD = register("meeting_held", _("Meeting held"))

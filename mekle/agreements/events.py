"""The event kinds the `agreements` app records."""

from django.utils.translation import gettext_lazy as _

from mekle.cases.events import register

AGREEMENT_DRAFTED = register("agreement_drafted", _("Agreement drafted (version %(number)s)"))
AGREEMENT_SENT_FOR_SIGNING = register("agreement_sent_for_signing", _("Agreement version %(number)s sent for signing"))
AGREEMENT_SIGNED = register("agreement_signed", _("%(name)s signed agreement version %(number)s"))
AGREEMENT_APPROVED = register(
    "agreement_approved", _("Agreement version %(number)s approved; it takes effect on %(takes_effect_on_display)s")
)
AGREEMENT_APPROVAL_REFUSED = register(
    "agreement_approval_refused", _("The mediator refused to approve agreement version %(number)s")
)
AGREEMENT_REVISED = register(
    "agreement_revised", _("Agreement version %(number)s started from version %(from_number)s")
)
COMMITMENT_CHECKED = register("commitment_checked", _("Answer recorded on whether commitment %(position)s was kept"))
OUTCOME_REPORTED = register("outcome_reported", _("Outcome report for the referrer made"))
AGREEMENT_ABANDONED = register("agreement_abandoned", _("No written agreement was approved: %(reason)s"))

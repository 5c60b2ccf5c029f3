"""The event kinds the `referrals` app records, with their payloads."""

from typing import TypedDict

from django.utils.translation import gettext_lazy as _

from mekle.cases.events import register


class SelfReferralReceived(TypedDict):
    postcode: str


SELF_REFERRAL_RECEIVED = register(
    "self_referral_received",
    _("Request for help received through the public form (postcode %(postcode)s)"),
    SelfReferralReceived,
)

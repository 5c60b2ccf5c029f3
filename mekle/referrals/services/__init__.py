"""Writes for referrals from outside: a person asking for help through the public form."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from mekle.accounts.selectors import office_for_postcode
from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.cases.models import Case, CaseType, ReferrerKind
from mekle.lib import clock
from mekle.lib.hashing import canonical_json, sha256_hex
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.parties.services import PartyInput
from mekle.referrals import events as referrals_events

from ..models import SelfReferral


@dataclass(frozen=True)
class SubmittedReferral:
    """The case a self-referral opened, or the one an identical earlier request already opened."""

    case: Case
    created: bool


def ip_hash(ip_address: str) -> str:
    """A keyed SHA-256 of an IP address: the same address gives the same hash, and cannot be read back."""
    return salted_hmac("mekle.referrals.ip", ip_address, algorithm="sha256").hexdigest()


def fingerprint(*, requester: PartyInput, other_party: PartyInput, description: str) -> str:
    """The same request typed twice (case and spacing aside) gives the same fingerprint."""
    parts = [requester.email, requester.full_name, other_party.full_name, description]
    return sha256_hex(canonical_json([" ".join(part.split()).casefold() for part in parts]))


@transaction.atomic
def submit_self_referral(
    *,
    ip_address: str,
    postcode: str,
    requester: PartyInput,
    other_party: PartyInput,
    description: str,
) -> SubmittedReferral:
    """Open a civil case from a person's own request at the office of their postcode, and e-mail them a link.

    The same request again within ``MEKLE_SELF_REFERRAL_DUPLICATE_MINUTES`` returns the case it
    opened and changes nothing. More than ``MEKLE_SELF_REFERRALS_PER_HOUR`` requests from one
    address in an hour are refused with a ``GuardError``.
    """
    now = clock.now()
    request_fingerprint = fingerprint(requester=requester, other_party=other_party, description=description)
    duplicate_since = now - dt.timedelta(minutes=settings.MEKLE_SELF_REFERRAL_DUPLICATE_MINUTES)
    earlier = (
        SelfReferral.objects.filter(fingerprint=request_fingerprint, created_at__gte=duplicate_since)
        .select_related("case")
        .order_by("-created_at")
        .first()
    )
    if earlier is not None:
        return SubmittedReferral(case=earlier.case, created=False)
    sender = ip_hash(ip_address)
    recent = SelfReferral.objects.filter(ip_hash=sender, created_at__gte=now - dt.timedelta(hours=1)).count()
    if recent >= settings.MEKLE_SELF_REFERRALS_PER_HOUR:
        raise lifecycle.GuardError(
            [_("We have received many requests from your connection in the last hour. Please try again later.")]
        )
    office = office_for_postcode(postcode)
    if office is None:
        raise lifecycle.GuardError([_("We cannot receive requests right now. Please try again later.")])
    case = party_services.register_referral(
        actor=None,
        office=office,
        case_type=CaseType.CIVIL,
        referrer_kind=ReferrerKind.PARTY,
        parties=[requester, other_party],
        description=description,
        received_on=clock.today(),
    )
    case = case_services.lock_case(case)
    case_services.record_event(case=case, kind=referrals_events.SELF_REFERRAL_RECEIVED, payload={"postcode": postcode})
    SelfReferral.objects.create(case=case, ip_hash=sender, fingerprint=request_fingerprint, created_at=now)
    own_party = case.parties.order_by("pk").first()
    assert own_party is not None  # register_referral added the requester first
    party_services.invite_to_portal(actor=None, participant=Participant(own_party), send_email=True)
    return SubmittedReferral(case=case, created=True)

"""The agreement on a party's case page (whether their signature is due, or given), and what a
closed case says to each person in it."""

from dataclasses import dataclass

from mekle.access.selectors import Membership
from mekle.agreements import selectors
from mekle.agreements.models import AgreementVersion, Signature
from mekle.cases import lifecycle
from mekle.cases.models import Status
from mekle.parties.selectors import has_withdrawn

# Which statuses show an agreement section: `StatusInfo.has_agreement` says.
AGREEMENT_STATUSES = lifecycle.AGREEMENT_STATUSES


@dataclass(frozen=True)
class OwnAgreement:
    version: AgreementVersion
    due: bool
    signature: Signature | None


def own_agreement(membership: Membership) -> OwnAgreement | None:
    """The newest version the party may read, and their own signature on it; None before there is one."""
    if membership.case.status not in AGREEMENT_STATUSES:
        return None
    version = selectors.readable_version(membership.case)
    if version is None:
        return None
    party, guardian = membership.party, membership.guardian
    signature = selectors.own_signature(version, party, guardian)
    due = membership.case.is_open and signature is None and selectors.signature_due(version, party, guardian)
    return OwnAgreement(version=version, due=due, signature=signature)


def withdrew(membership: Membership) -> bool:
    """Whether this person withdrew from their (withdrawn) case; the others are never told who did."""
    return membership.case.status == Status.WITHDRAWN and has_withdrawn(membership.party, membership.guardian)

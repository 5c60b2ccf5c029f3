"""The agreement on a party's case page (whether their signature is due, or given), and what a
closed case says to each person in it."""

from dataclasses import dataclass

from mekle.agreements import selectors
from mekle.agreements.models import AgreementVersion, Signature
from mekle.cases import lifecycle
from mekle.cases.models import Status
from mekle.dialogue import selectors as dialogue_selectors
from mekle.parties.participants import Participant
from mekle.parties.selectors import has_withdrawn

# Which statuses show an agreement section: `StatusInfo.has_agreement` says.
AGREEMENT_STATUSES = lifecycle.AGREEMENT_STATUSES


@dataclass(frozen=True)
class OwnAgreement:
    version: AgreementVersion
    due: bool
    signature: Signature | None


def own_agreement(participant: Participant) -> OwnAgreement | None:
    """The newest version the party may read, and their own signature on it; None before there is one."""
    if participant.case.status not in AGREEMENT_STATUSES:
        return None
    version = selectors.readable_version(participant.case)
    if version is None:
        return None
    signature = selectors.own_signature(version, participant)
    due = participant.case.is_open and signature is None and selectors.signature_due(version, participant)
    return OwnAgreement(version=version, due=due, signature=signature)


def withdrew(participant: Participant) -> bool:
    """Whether this person withdrew from their (withdrawn) case; the others are never told who did."""
    return participant.case.status == Status.WITHDRAWN and has_withdrawn(participant)


def waiting(participant: Participant) -> dialogue_selectors.Waiting:
    """What waits for this person's answer or eyes (`portal/_waiting.html`): one query. Proposals are
    answered only while the case is open, so a closed case counts its unread messages alone."""
    found = dialogue_selectors.waiting_for(participant.party)
    if not participant.case.is_open:
        return dialogue_selectors.Waiting(proposals=0, messages=found.messages)
    return found

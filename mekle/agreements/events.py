"""The event kinds the `agreements` app records, their payloads, and the facts they teach the case."""

import datetime as dt
from typing import NotRequired, TypedDict

from django.utils.translation import gettext_lazy as _

from mekle.cases.events import Personal, register
from mekle.cases.lifecycle import CaseFacts


class VersionNamed(TypedDict):
    """The part of every agreement payload that says which version."""

    agreement_id: int
    version_id: int
    number: int


class AgreementDrafted(VersionNamed):
    commitments: NotRequired[int]


class VersionHashed(VersionNamed):
    content_hash: str


class AgreementSigned(VersionHashed):
    party_id: int
    guardian_id: int | None
    name: Personal[str]
    method: str


class AgreementApproved(VersionHashed):
    takes_effect_on: str
    # Older timelines have neither: their follow-up is concluded without these two guards.
    fulfilment_date: NotRequired[str]
    commitment_ids: NotRequired[list[int]]


class AgreementRevised(VersionNamed):
    from_number: int


class CommitmentChecked(TypedDict):
    commitment_id: int
    position: int
    kept: bool
    answered_by: str


class FollowUpConcluded(TypedDict):
    fulfilled: bool
    note: Personal[str]
    # Older timelines (from the removed second conclude page) have neither.
    conclusion: NotRequired[str]
    version_id: NotRequired[int]


# What an `outcome_reported` payload says of a withdrawal (`documents.Outcome` holds the agreement outcomes).
WITHDRAWN_OUTCOME = "withdrawn"


class OutcomeReported(TypedDict):
    outcome: str
    sha256: str
    document_id: int
    version_id: NotRequired[int]
    stage: NotRequired[str]


class AgreementAbandoned(TypedDict):
    reason: Personal[str]


def _agreement_approved(facts: CaseFacts, p: AgreementApproved) -> None:
    facts.approved_agreement_version = p["number"]
    date = p.get("fulfilment_date")
    facts.fulfilment_date = dt.date.fromisoformat(date) if date else None
    facts.open_commitments = set(p.get("commitment_ids", []))


def _commitment_checked(facts: CaseFacts, p: CommitmentChecked) -> None:
    facts.open_commitments.discard(p["commitment_id"])


AGREEMENT_DRAFTED = register("agreement_drafted", _("Agreement drafted (version %(number)s)"), AgreementDrafted)
AGREEMENT_SENT_FOR_SIGNING = register(
    "agreement_sent_for_signing", _("Agreement version %(number)s sent for signing"), VersionHashed
)
AGREEMENT_SIGNED = register("agreement_signed", _("%(name)s signed agreement version %(number)s"), AgreementSigned)
AGREEMENT_APPROVED = register(
    "agreement_approved",
    _("Agreement version %(number)s approved; it takes effect on %(takes_effect_on_display)s"),
    AgreementApproved,
    folds=_agreement_approved,
)
AGREEMENT_APPROVAL_REFUSED = register(
    "agreement_approval_refused", _("The mediator refused to approve agreement version %(number)s"), VersionNamed
)
AGREEMENT_REVISED = register(
    "agreement_revised", _("Agreement version %(number)s started from version %(from_number)s"), AgreementRevised
)
COMMITMENT_CHECKED = register(
    "commitment_checked",
    _("Answer recorded on whether commitment %(position)s was kept"),
    CommitmentChecked,
    folds=_commitment_checked,
)
FOLLOW_UP_CONCLUDED = register("follow_up_concluded", _("Follow-up concluded"), FollowUpConcluded)
OUTCOME_REPORTED = register("outcome_reported", _("Outcome report for the referrer made"), OutcomeReported)
AGREEMENT_ABANDONED = register(
    "agreement_abandoned", _("No written agreement was approved: %(reason)s"), AgreementAbandoned
)

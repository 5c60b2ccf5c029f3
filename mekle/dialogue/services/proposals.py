"""Written proposals between the parties, their answers, and carrying an accepted one into the
draft agreement. Proposals and answers go to the other party, so they need the contact rule's open door."""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from mekle.accounts.types import Actor
from mekle.agreements import selectors as agreement_selectors
from mekle.agreements import services as agreement_services
from mekle.agreements.models import AgreementVersion, CommitmentKind
from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.cases.models import Case, Visibility
from mekle.dialogue import events as dialogue_events
from mekle.lib import clock
from mekle.lib.hashing import canonical_json, sha256_hex
from mekle.parties.models import Party
from mekle.parties.participants import Participant

from .. import contact
from ..models import Proposal, ProposalKind, ProposalStatus
from .common import lock_open


def _ensure_reachable(recipient: Party, sender: Party) -> None:
    if recipient.case_id != sender.case_id or recipient.pk == sender.pk:
        raise lifecycle.GuardError([_("Choose another party of your case.")])


def proposal_hash(*, kind: str, text: str, amount: Decimal | None, instalments: int | None) -> str:
    content = {"kind": kind, "text": text, "amount": str(amount) if amount is not None else None}
    return sha256_hex(canonical_json({**content, "instalments": instalments}))


def _proposal_refusals(kind: str, text: str, amount: Decimal | None, instalments: int | None) -> list[str]:
    reasons = []
    if kind not in ProposalKind.values:
        reasons.append(_("Choose what the proposal is about."))
    if not text.strip():
        reasons.append(_("Write the proposal."))
    if amount is not None and amount <= 0:
        reasons.append(_("An amount must be greater than zero."))
    if kind == ProposalKind.PAYMENT and amount is None:
        reasons.append(_("A payment proposal needs an amount."))
    if instalments is not None and instalments < 1:
        reasons.append(_("A payment has at least one instalment."))
    return reasons


@transaction.atomic
def make_proposal(
    *,
    actor: Actor | None,
    participant: Participant,
    recipient: Party,
    kind: str,
    text: str,
    amount: Decimal | None = None,
    instalments: int | None = None,
    answers: Proposal | None = None,
) -> Proposal:
    """A written proposal to another party; with `answers`, a counter-proposal to that one."""
    party = participant.party
    case, _thread = lock_open(participant.case)
    _ensure_reachable(recipient, party)
    contact.direct_contact_for(case).ensure_open()
    text = text.strip()
    reasons = _proposal_refusals(kind, text, amount, instalments)
    if reasons:
        raise lifecycle.GuardError(reasons)
    digest = proposal_hash(kind=kind, text=text, amount=amount, instalments=instalments)
    proposal = Proposal.objects.create(
        case=case,
        kind=kind,
        proposer=party,
        proposer_guardian=participant.guardian,
        recipient=recipient,
        text=text,
        amount=amount,
        instalments=instalments,
        answers=answers,
        sha256=digest,
        made_at=clock.now(),
    )
    case_services.record_event(
        case=case,
        kind=dialogue_events.PROPOSAL_MADE,
        actor=actor,
        payload={
            "proposal_id": proposal.pk,
            **participant.named(),
            "to_party_id": recipient.pk,
            "kind": kind,
            "amount": str(amount) if amount is not None else None,
            "instalments": instalments,
            "answers": answers.pk if answers else None,
            "sha256": digest,
        },
        visibility=Visibility.PARTIES,
    )
    return proposal


def _open_for(proposal: Proposal, party: Party) -> tuple[Case, Proposal]:
    case, _thread = lock_open(proposal.case)
    contact.direct_contact_for(case).ensure_open()
    fresh = Proposal.objects.select_related("proposer", "recipient").get(pk=proposal.pk)
    fresh.case = case
    if fresh.recipient_id != party.pk:
        raise lifecycle.GuardError([_("Only the person the proposal was made to can answer it.")])
    if fresh.status != ProposalStatus.OPEN:
        raise lifecycle.GuardError([_("This proposal has already been answered.")])
    return case, fresh


def _answer(proposal: Proposal, status: str, reason: str = "") -> None:
    proposal.status = status
    proposal.decline_reason = reason
    proposal.answered_at = clock.now()
    proposal.save(update_fields=["status", "decline_reason", "answered_at"])


def _answer_payload(proposal: Proposal, participant: Participant) -> dict[str, Any]:
    return {"proposal_id": proposal.pk, **participant.named(), "proposal_sha256": proposal.sha256}


@transaction.atomic
def accept_proposal(*, actor: Actor | None, participant: Participant, proposal: Proposal) -> Proposal:
    case, proposal = _open_for(proposal, participant.party)
    _answer(proposal, ProposalStatus.ACCEPTED)
    payload = _answer_payload(proposal, participant)
    case_services.record_event(
        case=case, kind=dialogue_events.PROPOSAL_ACCEPTED, actor=actor, payload=payload, visibility=Visibility.PARTIES
    )
    return proposal


@transaction.atomic
def decline_proposal(
    *, actor: Actor | None, participant: Participant, proposal: Proposal, reason: str = ""
) -> Proposal:
    """Say no, with a reason if the party wants to give one (it is never required)."""
    case, proposal = _open_for(proposal, participant.party)
    _answer(proposal, ProposalStatus.DECLINED, reason.strip())
    payload = {**_answer_payload(proposal, participant), "gave_reason": bool(reason.strip())}
    case_services.record_event(
        case=case, kind=dialogue_events.PROPOSAL_DECLINED, actor=actor, payload=payload, visibility=Visibility.PARTIES
    )
    return proposal


@transaction.atomic
def counter_proposal(
    *,
    actor: Actor | None,
    participant: Participant,
    proposal: Proposal,
    kind: str,
    text: str,
    amount: Decimal | None = None,
    instalments: int | None = None,
) -> Proposal:
    """Answer with a proposal of one's own, linked to the one it answers."""
    case, proposal = _open_for(proposal, participant.party)
    counter = make_proposal(
        actor=actor,
        participant=participant,
        recipient=proposal.proposer,
        kind=kind,
        text=text,
        amount=amount,
        instalments=instalments,
        answers=proposal,
    )
    _answer(proposal, ProposalStatus.COUNTERED)
    payload = {**_answer_payload(proposal, participant), "counter_id": counter.pk}
    case_services.record_event(
        case=case, kind=dialogue_events.PROPOSAL_COUNTERED, actor=actor, payload=payload, visibility=Visibility.PARTIES
    )
    return counter


def _commitment_kind(proposal: Proposal) -> str:
    if proposal.amount is not None:
        return CommitmentKind.PAYMENT
    if proposal.kind == ProposalKind.COMMUNICATION:
        return CommitmentKind.CONDUCT
    return CommitmentKind.OTHER


def _current_draft(actor: Actor, case: Case) -> AgreementVersion:
    version = agreement_selectors.current_version(case)
    if version is None:
        return agreement_services.start_agreement(actor=actor, case=case)
    if version.is_frozen:
        raise lifecycle.GuardError(
            [_("The current agreement version has been sent for signing. Make a new version first.")]
        )
    return version


@transaction.atomic
def carry_into_agreement(*, actor: Actor, proposal: Proposal) -> AgreementVersion:
    """Add an accepted proposal to the case's draft agreement as a commitment of the proposer.

    The draft is started if there is none; a payment is owed to the party who accepted it. The
    mediator edits the draft afterwards as any other.
    """
    case = case_services.lock_case(proposal.case)
    proposal = Proposal.objects.select_related("proposer", "recipient").get(pk=proposal.pk)
    if proposal.status != ProposalStatus.ACCEPTED:
        raise lifecycle.GuardError([_("Only an accepted proposal can be added to the agreement.")])
    if proposal.carried_into_id is not None:
        raise lifecycle.GuardError([_("This proposal has already been added to the agreement.")])
    version = _current_draft(actor, case)
    existing = agreement_services.commitment_inputs(version)
    kind = _commitment_kind(proposal)
    new = agreement_services.CommitmentInput(
        kind=kind,
        party=proposal.proposer,
        description=proposal.text,
        due_on=version.fulfilment_date,
        beneficiary=proposal.recipient,
        amount=proposal.amount if kind == CommitmentKind.PAYMENT else None,
        instalments=proposal.instalments if kind == CommitmentKind.PAYMENT else None,
    )
    version = agreement_services.update_draft(
        actor=actor,
        version=version,
        introduction=version.introduction,
        fulfilment_date=version.fulfilment_date,
        cooling_off_days=version.cooling_off_days,
        commitments=[*existing, new],
    )
    proposal.carried_into = version
    proposal.save(update_fields=["carried_into"])
    case_services.record_event(
        case=case,
        kind=dialogue_events.PROPOSAL_CARRIED,
        actor=actor,
        payload={"proposal_id": proposal.pk, "version_id": version.pk, "number": version.number},
    )
    return version

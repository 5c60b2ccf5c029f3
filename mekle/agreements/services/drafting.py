"""Drafting an agreement: its commitments and their rules, sending a version for signing, a new version, none at all."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from mekle.accounts.types import Actor, signed_in_user
from mekle.agreements import events as agreements_events
from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.cases.lifecycle import Action
from mekle.cases.models import Case, CaseType, Visibility
from mekle.lib import clock
from mekle.parties.models import Party

from .. import rules
from ..content import content_hash
from ..models import Agreement, AgreementVersion, Commitment, CommitmentKind, VersionStatus
from ..signing_emails import queue_signature_requests
from .common import ensure_agreement_stage, ensure_draft, ensure_newest, locked, record

CRIMINAL_COOLING_OFF_DAYS = 14

DEFAULT_FULFILMENT_DAYS = 60

# Youth reactions cannot contain money compensation; it is settled before transfer (requirement 20).
NO_MONEY_CASE_TYPES = frozenset({CaseType.YOUTH_FOLLOW_UP, CaseType.YOUTH_SENTENCE})


@dataclass(frozen=True)
class CommitmentInput:
    """One commitment as a form gives it: who (`party`) does what for whom (`beneficiary`) by when."""

    kind: str
    party: Party
    description: str
    due_on: dt.date
    beneficiary: Party | None = None
    amount: Decimal | None = None
    instalments: int | None = None


def cooling_off_days_for(case: Case, chosen: int = 0) -> int:
    """Criminal cases always have 14 days (angrefrist); civil cases the period the parties chose, if any."""
    return CRIMINAL_COOLING_OFF_DAYS if case.is_criminal else chosen


def money_allowed(case: Case) -> bool:
    return case.case_type not in NO_MONEY_CASE_TYPES


# --- checks -------------------------------------------------------------------------------------


def content_refusals(
    case: Case,
    *,
    fulfilment_date: dt.date,
    cooling_off_days: int,
    commitments: list[CommitmentInput],
    takes_effect_on: dt.date | None = None,
) -> list[str]:
    """Why this content cannot be the agreement of `case`; empty when it can.

    Dates follow ``agreements.rules``: against the day the agreement takes effect (`takes_effect_on`
    once approved, else the earliest it can: today plus the cooling-off period).
    """
    today = clock.today()
    effect = takes_effect_on or rules.earliest_effect(today, cooling_off_days)
    reasons = rules.fulfilment_date_refusals(fulfilment_date=fulfilment_date, takes_effect_on=effect, today=today)
    if case.is_criminal and cooling_off_days != CRIMINAL_COOLING_OFF_DAYS:
        reasons.append(_("In criminal cases the cooling-off period is always 14 days."))
    for number, commitment in enumerate(commitments, start=1):
        reasons.extend(_commitment_refusals(case, number, commitment))
        reasons.extend(
            _("Commitment %(number)s: %(reason)s") % {"number": number, "reason": reason}
            for reason in rules.due_date_refusals(
                due_on=commitment.due_on, fulfilment_date=fulfilment_date, takes_effect_on=effect, today=today
            )
        )
    return reasons


def _commitment_refusals(case: Case, number: int, c: CommitmentInput) -> list[str]:
    n = {"number": number}
    reasons = []
    if c.kind not in CommitmentKind.values:
        reasons.append(_("Commitment %(number)s: choose what kind of commitment it is.") % n)
    if c.party.case_id != case.pk:
        reasons.append(_("Commitment %(number)s: the person who commits must be a party of this case.") % n)
    if c.beneficiary is not None and c.beneficiary.case_id != case.pk:
        reasons.append(_("Commitment %(number)s: the person it is for must be a party of this case.") % n)
    if not c.description.strip():
        reasons.append(_("Commitment %(number)s: say what is to be done.") % n)
    if c.kind == CommitmentKind.PAYMENT:
        reasons.extend(_payment_refusals(case, n, c))
    return reasons


def _payment_refusals(case: Case, n: dict[str, int], c: CommitmentInput) -> list[str]:
    if not money_allowed(case):
        return [
            _(
                "Commitment %(number)s: an agreement in a youth follow-up or youth sentence case cannot contain "
                "money compensation. Compensation must be settled before the case is transferred."
            )
            % n
        ]
    reasons = []
    if c.amount is None or c.amount <= 0:
        reasons.append(_("Commitment %(number)s: a payment needs an amount in NOK greater than zero.") % n)
    if c.instalments is not None and c.instalments < 1:
        reasons.append(_("Commitment %(number)s: a payment has at least one instalment.") % n)
    if c.beneficiary is None:
        reasons.append(_("Commitment %(number)s: say who is to be paid.") % n)
    return reasons


def commitment_inputs(version: AgreementVersion) -> list[CommitmentInput]:
    """The version's commitments as the inputs that wrote them (to write them again, with changes)."""
    return [
        CommitmentInput(
            kind=c.kind,
            party=c.party,
            description=c.description,
            due_on=c.due_on,
            beneficiary=c.beneficiary,
            amount=c.amount,
            instalments=c.instalments,
        )
        for c in version.commitments.select_related("party", "beneficiary")
    ]


# --- drafting -----------------------------------------------------------------------------------


@transaction.atomic
def start_agreement(*, actor: Actor, case: Case) -> AgreementVersion:
    """Start the agreement after a meeting that ended in one: version 1, a draft in the meeting's words."""
    case = case_services.lock_case(case)
    lifecycle.ensure_open(case)
    ensure_agreement_stage(case)
    if Agreement.objects.filter(case=case).exists():
        raise lifecycle.GuardError([_("The agreement has already been started.")])
    now = clock.now()
    agreement = Agreement.objects.create(case=case, created_by=signed_in_user(actor), created_at=now)
    version = AgreementVersion.objects.create(
        agreement=agreement,
        number=1,
        introduction=_meeting_summary(case),
        fulfilment_date=clock.today() + dt.timedelta(days=DEFAULT_FULFILMENT_DAYS),
        cooling_off_days=cooling_off_days_for(case),
        created_by=signed_in_user(actor),
        created_at=now,
    )
    record(case, agreements_events.AGREEMENT_DRAFTED, actor, version)
    return version


def _meeting_summary(case: Case) -> str:
    facts = case_services.case_facts(case)
    held = [m.agreement_summary for m in facts.meetings.values() if m.status == "held" and m.agreement_summary]
    return held[-1] if held else ""


@transaction.atomic
def update_draft(
    *,
    actor: Actor,
    version: AgreementVersion,
    introduction: str,
    fulfilment_date: dt.date,
    cooling_off_days: int,
    commitments: list[CommitmentInput],
) -> AgreementVersion:
    """Replace a draft's text, dates and commitments. A version sent for signing is refused."""
    case, version = locked(version)
    ensure_agreement_stage(case)
    ensure_draft(version)
    reasons = content_refusals(
        case, fulfilment_date=fulfilment_date, cooling_off_days=cooling_off_days, commitments=commitments
    )
    if reasons:
        raise lifecycle.GuardError(reasons)
    version.introduction = introduction
    version.fulfilment_date = fulfilment_date
    version.cooling_off_days = cooling_off_days
    version.save(update_fields=["introduction", "fulfilment_date", "cooling_off_days"])
    version.commitments.all().delete()
    Commitment.objects.bulk_create(_commitment_rows(version, commitments))
    record(case, agreements_events.AGREEMENT_DRAFTED, actor, version, commitments=len(commitments))
    return version


def _commitment_rows(version: AgreementVersion, commitments: list[CommitmentInput]) -> list[Commitment]:
    rows = []
    for position, c in enumerate(commitments, start=1):
        payment = c.kind == CommitmentKind.PAYMENT
        rows.append(
            Commitment(
                version=version,
                position=position,
                kind=c.kind,
                party=c.party,
                beneficiary=c.beneficiary,
                description=c.description.strip(),
                due_on=c.due_on,
                amount=c.amount if payment else None,
                instalments=(c.instalments or 1) if payment else None,
            )
        )
    return rows


@transaction.atomic
def send_for_signing(*, actor: Actor, version: AgreementVersion) -> AgreementVersion:
    """Freeze a draft: store the SHA-256 of its content; the version it replaces is superseded."""
    case, version = locked(version)
    ensure_agreement_stage(case)
    ensure_draft(version)
    commitments = list(version.commitments.select_related("party", "beneficiary"))
    if not commitments:
        raise lifecycle.GuardError([_("The agreement needs at least one commitment before it is sent for signing.")])
    reasons = content_refusals(
        case,
        fulfilment_date=version.fulfilment_date,
        cooling_off_days=version.cooling_off_days,
        commitments=commitment_inputs(version),
    )
    if reasons:
        raise lifecycle.GuardError(reasons)
    replaced = AgreementVersion.objects.filter(
        agreement_id=version.agreement_id, number__lt=version.number, status=VersionStatus.SENT
    )
    for earlier in replaced:
        earlier.status = VersionStatus.SUPERSEDED
        earlier.save(update_fields=["status"])
    version.content_hash = content_hash(version, commitments)
    version.status = VersionStatus.SENT
    version.sent_at = clock.now()
    version.save(update_fields=["content_hash", "status", "sent_at"])
    record(
        case,
        agreements_events.AGREEMENT_SENT_FOR_SIGNING,
        actor,
        version,
        visibility=Visibility.PARTIES,
        content_hash=version.content_hash,
    )
    # The signers hear that something waits for them, in this transaction: sent with it, or not at all.
    queue_signature_requests(version)
    return version


@transaction.atomic
def revise(*, actor: Actor, version: AgreementVersion) -> AgreementVersion:
    """Start a new draft (number + 1) copied from a frozen version; it must be signed again."""
    case, version = locked(version)
    ensure_agreement_stage(case)
    ensure_newest(version)
    if not version.is_frozen:
        raise lifecycle.GuardError(
            [_("Version %(number)s is still a draft: change it directly.") % {"number": version.number}]
        )
    new = AgreementVersion.objects.create(
        agreement=version.agreement,
        number=version.number + 1,
        introduction=version.introduction,
        fulfilment_date=version.fulfilment_date,
        cooling_off_days=version.cooling_off_days,
        created_by=signed_in_user(actor),
        created_at=clock.now(),
    )
    Commitment.objects.bulk_create(
        [
            Commitment(
                version=new,
                position=c.position,
                kind=c.kind,
                party_id=c.party_id,
                beneficiary_id=c.beneficiary_id,
                description=c.description,
                due_on=c.due_on,
                amount=c.amount,
                instalments=c.instalments,
            )
            for c in version.commitments.all()
        ]
    )
    new.agreement.case = case
    record(case, agreements_events.AGREEMENT_REVISED, actor, new, from_number=version.number)
    return new


# --- signing and approval -----------------------------------------------------------------------


@transaction.atomic
def close_without_agreement(*, actor: Actor, case: Case, reason: str) -> Case:
    """The meeting ended in agreement, but no written agreement was approved: close the case as no agreement.

    For when the parties do not sign after all. Unsigned versions stay readable on the timeline.
    """
    case = case_services.lock_case(case)
    lifecycle.ensure_open(case)
    if not reason.strip():
        raise lifecycle.GuardError([_("Say why there is no written agreement.")])
    case_services.record_event(
        case=case, kind=agreements_events.AGREEMENT_ABANDONED, actor=actor, payload={"reason": reason.strip()}
    )
    case_services.transition(case=case, action=Action.REACH_NO_AGREEMENT, actor=actor)
    return case

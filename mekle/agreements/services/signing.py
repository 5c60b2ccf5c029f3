"""Signing a version sent for signing, and the mediator's approval or refusal."""

import datetime as dt
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from mekle.accounts.types import Actor, signed_in_user
from mekle.agreements import events as agreements_events
from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.cases.lifecycle import Action
from mekle.cases.models import Case, Visibility
from mekle.lib import clock
from mekle.lib.uploads import EXTENSIONS, content_type_of
from mekle.parties.participants import Participant

from .. import rules, selectors
from ..content import content_hash
from ..models import AgreementVersion, Signature, SignatureMethod, VersionStatus
from ..signals import version_approved
from .common import ensure_agreement_stage, ensure_sent, locked, record

# A scanned copy of a signature given on paper: what a scanner or a phone makes, and no larger.
SCANNED_COPY_MAX_BYTES = 10_000_000
SCANNED_COPY_TYPES = ("application/pdf", "image/png", "image/jpeg")


def scanned_copy_problem(upload: File[Any]) -> str | None:
    """Why a file cannot be kept as a scanned copy (too large, or not a PDF, PNG or JPEG by its
    content, whatever its name says), or None."""
    if upload.size is None or upload.size > SCANNED_COPY_MAX_BYTES:
        return _("The scanned copy is larger than %(size)s MB. Scan it at a lower resolution, or as a PDF.") % {
            "size": SCANNED_COPY_MAX_BYTES // 1_000_000
        }
    if content_type_of(upload) not in SCANNED_COPY_TYPES:
        return _("The scanned copy must be a PDF, PNG or JPEG file. This file is of another kind, whatever its name.")
    return None


def scanned_copy_name(upload: File[Any]) -> str:
    """A stored copy's name says what it is by its content, never what the sender called it."""
    return f"signature.{EXTENSIONS[content_type_of(upload) or 'application/pdf']}"


@transaction.atomic
def sign(
    *,
    actor: Actor,
    version: AgreementVersion,
    participant: Participant,
    method: str,
    statement: str,
    scanned_copy: File[Any] | None = None,
    signed_at: dt.datetime | None = None,
) -> Signature:
    """Record a party's (or a minor's guardian's) signature on a version sent for signing.

    In the portal (`method` "portal") a person signs only for themselves; staff record a signature
    given on paper (`signed_at` when it was given, and optionally a scanned copy).
    """
    case, version = locked(version)
    ensure_agreement_stage(case)
    ensure_sent(version)
    _check_signer(case, participant)
    party, guardian, name = participant.party, participant.guardian, participant.name
    if method not in SignatureMethod.values:
        raise lifecycle.GuardError([_("Say how the agreement was signed.")])
    if method == SignatureMethod.PORTAL and (actor is None or participant.person.user_id != actor.pk):
        raise lifecycle.GuardError([_("In the portal a person can sign only for themselves.")])
    if not statement.strip():
        raise lifecycle.GuardError([_("A signature needs the signer's statement.")])
    if method == SignatureMethod.PAPER and scanned_copy and (problem := scanned_copy_problem(scanned_copy)):
        raise lifecycle.GuardError([problem])
    signed_at = signed_at or clock.now()
    if signed_at > clock.now() or (version.sent_at is not None and signed_at < version.sent_at):
        raise lifecycle.GuardError(
            [_("The signature's date must be after the version was sent and not in the future.")]
        )
    if Signature.objects.filter(version=version, party=party, guardian=guardian).exists():
        raise lifecycle.GuardError(
            [_("%(name)s has already signed version %(number)s.") % {"name": name, "number": version.number}]
        )
    signature = Signature.objects.create(
        version=version,
        party=party,
        guardian=guardian,
        method=method,
        signed_at=signed_at,
        statement=statement.strip(),
        content_hash=version.content_hash,
        recorded_by_id=case_services.actor_id_of(actor),
        scanned_copy=_named(scanned_copy) if method == SignatureMethod.PAPER and scanned_copy else "",
    )
    record(
        case,
        agreements_events.AGREEMENT_SIGNED,
        actor,
        version,
        visibility=Visibility.PARTIES,
        **participant.who(),
        method=method,
        content_hash=version.content_hash,
    )
    return signature


def _named(upload: File[Any]) -> File[Any]:
    upload.name = scanned_copy_name(upload)
    return upload


def _check_signer(case: Case, participant: Participant) -> None:
    party, guardian = participant.party, participant.guardian
    if party.case_id != case.pk:
        raise lifecycle.GuardError([_("Only the parties of this case can sign its agreement.")])
    if guardian is not None and (guardian.party_id != party.pk or not party.is_minor_on(clock.today())):
        raise lifecycle.GuardError(
            [
                _("%(guardian)s signs only as guardian of a minor party, and %(name)s is not one.")
                % {"guardian": guardian.full_name, "name": party.full_name}
            ]
        )


@transaction.atomic
def approve(*, actor: Actor, version: AgreementVersion) -> AgreementVersion:
    """The mediator approves last, once everyone has signed this wording; the case goes to follow-up."""
    case, version = locked(version)
    ensure_agreement_stage(case)
    ensure_sent(version)
    version = selectors.version_with_everything(version)
    reasons = _approval_refusals(version)
    if reasons:
        raise lifecycle.GuardError(reasons)
    now = clock.now()
    version.status = VersionStatus.APPROVED
    version.decided_by = signed_in_user(actor)
    version.decided_at = now
    version.takes_effect_on = clock.today() + dt.timedelta(days=version.cooling_off_days)
    version.save(update_fields=["status", "decided_by", "decided_at", "takes_effect_on"])
    record(
        case,
        agreements_events.AGREEMENT_APPROVED,
        actor,
        version,
        visibility=Visibility.PARTIES,
        content_hash=version.content_hash,
        takes_effect_on=version.takes_effect_on.isoformat(),
        # What the lifecycle's follow-up guards read: the date, and the commitments to answer for.
        fulfilment_date=version.fulfilment_date.isoformat(),
        commitment_ids=sorted(commitment.pk for commitment in version.commitments.all()),
    )
    case_services.transition(case=case, action=Action.REACH_AGREEMENT, actor=actor)
    transaction.on_commit(lambda: version_approved.send(sender=AgreementVersion, version=version))
    return version


def _approval_refusals(version: AgreementVersion) -> list[str]:
    n = version.number
    if content_hash(version, version.commitments.all()) != version.content_hash:
        return [_("Version %(number)s has changed since it was sent for signing.") % {"number": n}]
    reasons = []
    for signer in selectors.required_signers(version):
        if signer.signature is None and signer.guardian is not None:
            reasons.append(
                _("%(guardian)s, guardian of %(name)s, has not signed version %(number)s yet.")
                % {"guardian": signer.guardian.full_name, "name": signer.party.full_name, "number": n}
            )
        elif signer.signature is None:
            reasons.append(_("%(name)s has not signed version %(number)s yet.") % {"name": signer.name, "number": n})
        elif signer.signature.content_hash != version.content_hash:
            reasons.append(
                _("%(name)s signed other wording than version %(number)s.") % {"name": signer.name, "number": n}
            )
    return reasons + _date_refusals(version)


def _date_refusals(version: AgreementVersion) -> list[str]:
    """Approved today, the version takes effect after its cooling-off period: its dates must still fit (rules)."""
    today = clock.today()
    effect = rules.earliest_effect(today, version.cooling_off_days)
    fulfilment = version.fulfilment_date
    reasons = rules.fulfilment_date_refusals(fulfilment_date=fulfilment, takes_effect_on=effect, today=today)
    for commitment in sorted(version.commitments.all(), key=lambda c: c.position):
        reasons.extend(
            _("Commitment %(number)s: %(reason)s") % {"number": commitment.position, "reason": reason}
            for reason in rules.due_date_refusals(
                due_on=commitment.due_on, fulfilment_date=fulfilment, takes_effect_on=effect, today=today
            )
        )
    if reasons:
        reasons.append(_("Make a new version with dates that fit, and have it signed again."))
    return reasons


@transaction.atomic
def refuse_approval(*, actor: Actor, version: AgreementVersion, reason: str) -> AgreementVersion:
    """The mediator refuses to approve, with a reason (an agreement that unreasonably favours one party)."""
    case, version = locked(version)
    ensure_agreement_stage(case)
    ensure_sent(version)
    if not reason.strip():
        raise lifecycle.GuardError([_("Give a reason for refusing approval.")])
    version.status = VersionStatus.REFUSED
    version.decided_by = signed_in_user(actor)
    version.decided_at = clock.now()
    version.refusal_reason = reason.strip()
    version.save(update_fields=["status", "decided_by", "decided_at", "refusal_reason"])
    record(case, agreements_events.AGREEMENT_APPROVAL_REFUSED, actor, version)
    return version

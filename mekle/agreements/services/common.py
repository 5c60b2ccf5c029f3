"""What every agreement write shares: the case lock, the guards on versions, and the events it records."""

from typing import Any

from django.utils.translation import gettext as _

from mekle.accounts.types import Actor
from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.cases.events import EventKind
from mekle.cases.models import Case, Status, Visibility

from ..models import AgreementVersion, VersionStatus


def locked(version: AgreementVersion) -> tuple[Case, AgreementVersion]:
    """Lock the version's case, refuse a closed one, and re-read the version as it is now."""
    case = case_services.lock_case(version.agreement.case)
    lifecycle.ensure_open(case)
    fresh = AgreementVersion.objects.select_related("agreement").get(pk=version.pk)
    fresh.agreement.case = case
    return case, fresh


def ensure_agreement_stage(case: Case) -> None:
    if case.status != Status.MEETING_HELD:
        raise lifecycle.GuardError(
            [_("An agreement is written, signed and approved after a meeting that ended in agreement.")]
        )


def ensure_draft(version: AgreementVersion) -> None:
    if version.is_frozen:
        raise lifecycle.GuardError(
            [
                _(
                    "Version %(number)s has been sent for signing and can no longer change. "
                    "Make a new version to change the agreement."
                )
                % {"number": version.number}
            ]
        )


def ensure_newest(version: AgreementVersion) -> None:
    if AgreementVersion.objects.filter(agreement_id=version.agreement_id, number__gt=version.number).exists():
        raise lifecycle.GuardError(
            [_("Version %(number)s has been replaced by a newer version.") % {"number": version.number}]
        )


def ensure_sent(version: AgreementVersion) -> None:
    ensure_newest(version)
    if version.status != VersionStatus.SENT:
        raise lifecycle.GuardError(
            [_("Version %(number)s is not waiting for signatures.") % {"number": version.number}]
        )


def record(
    case: Case,
    kind: EventKind,
    actor: Actor,
    version: AgreementVersion,
    *,
    visibility: str = Visibility.STAFF,
    **payload: Any,
) -> None:
    case_services.record_event(
        case=case,
        kind=kind,
        actor=actor,
        payload={"agreement_id": version.agreement_id, "version_id": version.pk, "number": version.number, **payload},
        visibility=visibility,
    )

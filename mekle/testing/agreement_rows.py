"""Approved agreements built straight from rows, for tests of what follows an approval.

`approved_version` is what `agreements.services.approve` leaves behind (a frozen, signed, approved
version and the case in follow-up), without going through the meeting and signing steps;
`answered` and `stored_document` add what the follow-up and the documents leave behind.
"""

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from mekle.agreements.models import (
    Agreement,
    AgreementVersion,
    Commitment,
    CommitmentCheck,
    CommitmentKind,
    Document,
    Signature,
    SignatureMethod,
    VersionStatus,
)
from mekle.cases.models import Case, Status
from mekle.lib.hashing import canonical_json, sha256_hex


def approved_version(
    case: Case,
    *,
    mediator: Any,
    fulfilment_date: dt.date | None = None,
    approved_at: dt.datetime | None = None,
    many_commitments: int = 0,
    case_status: str = Status.IN_FOLLOW_UP,
) -> AgreementVersion:
    """An approved version of `case`'s agreement: the offender apologises and pays the victim."""
    approved_at = approved_at or timezone.now()
    fulfilment_date = fulfilment_date or (timezone.localdate(approved_at) + dt.timedelta(days=30))
    victim = case.parties.get(role="victim")
    offender = case.parties.get(role="offender")
    agreement, _created = Agreement.objects.get_or_create(
        case=case, defaults={"created_by": mediator, "created_at": approved_at}
    )
    number = agreement.versions.count() + 1
    agreement.versions.filter(status=VersionStatus.APPROVED).update(status=VersionStatus.SUPERSEDED)
    version = AgreementVersion.objects.create(
        agreement=agreement,
        number=number,
        status=VersionStatus.APPROVED,
        introduction="Vi har snakket sammen om det som skjedde ved hekken, og vil gjøre det godt igjen.",
        fulfilment_date=fulfilment_date,
        cooling_off_days=14 if case.is_criminal else 0,
        created_by=mediator,
        created_at=approved_at,
        sent_at=approved_at,
        decided_by=mediator,
        decided_at=approved_at,
        takes_effect_on=timezone.localdate(approved_at),
    )
    Commitment.objects.create(
        version=version,
        position=1,
        kind=CommitmentKind.APOLOGY,
        party=offender,
        beneficiary=victim,
        description="Ber om unnskyldning skriftlig for det som ble sagt over gjerdet.",
        due_on=fulfilment_date - dt.timedelta(days=14),
    )
    Commitment.objects.create(
        version=version,
        position=2,
        kind=CommitmentKind.PAYMENT,
        party=offender,
        beneficiary=victim,
        description="Betaler for ny hekkplante og planting.",
        due_on=fulfilment_date,
        amount=Decimal("2500.00"),
        instalments=2,
    )
    for position in range(3, 3 + many_commitments):
        Commitment.objects.create(
            version=version,
            position=position,
            kind=CommitmentKind.CONDUCT,
            party=offender if position % 2 else victim,
            description="Hilser høflig og tar opp uenigheter rolig, ansikt til ansikt eller skriftlig, "
            "i stedet for å rope over gjerdet. Ved ny uenighet kontakter partene konfliktrådet. " * 3,
            due_on=fulfilment_date,
        )
    content = {
        "introduction": version.introduction,
        "fulfilment_date": fulfilment_date.isoformat(),
        "commitments": list(version.commitments.values_list("description", flat=True)),
    }
    version.content_hash = sha256_hex(canonical_json(content))
    version.save(update_fields=["content_hash"])
    for party in (victim, offender):
        Signature.objects.create(
            version=version,
            party=party,
            method=SignatureMethod.PORTAL if party == victim else SignatureMethod.PAPER,
            signed_at=approved_at - dt.timedelta(hours=1),
            statement="Jeg signerer av egen fri vilje.",
            content_hash=version.content_hash,
            recorded_by=mediator,
        )
    Case.objects.filter(pk=case.pk).update(status=case_status)
    case.refresh_from_db()
    return version


def answered(version: AgreementVersion, *, by: Any, kept: bool = True) -> None:
    """Every commitment of `version` answered once (as staff checking it would leave it)."""
    for commitment in version.commitments.all():
        CommitmentCheck.objects.create(commitment=commitment, kept=kept, answered_by=by, answered_at=timezone.now())


def stored_document(version: AgreementVersion, kind: str, *, pdf: bytes = b"%PDF-1.7 stand-in") -> Document:
    """A document of `version` as storing it leaves it; a download serves the bytes, rendered or not."""
    case = version.agreement.case
    document = Document(
        case=case,
        version=version,
        kind=kind,
        language="nb",
        sha256=hashlib.sha256(pdf).hexdigest(),
        created_at=timezone.now(),
    )
    document.file.save(f"{case.reference}-{kind}-v{version.number}-nb.pdf", ContentFile(pdf), save=False)
    document.save()
    return document

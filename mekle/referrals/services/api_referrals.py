"""Referrals an organisation's system sends through the API: scope, consent rules, idempotent retries."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from mekle.accounts.models import Office
from mekle.cases.models import CRIMINAL_CASE_TYPES, Case
from mekle.lib import clock
from mekle.parties import rules as referral_rules
from mekle.parties import services as party_services
from mekle.parties.models import ConsentMethod
from mekle.parties.participants import Participant
from mekle.parties.rules import Problem
from mekle.parties.services import PartyInput

from ..models import ApiKey, ApiReferral, IdempotencyRecord
from ..selectors import referral_receipt


class ReferralRefused(Exception):
    """The referral breaks a rule; `status` is 403 (outside the key's scope), 409 or 422 (the content)."""

    def __init__(self, status: int, code: str, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.problems = status, code, message, problems or []


@dataclass
class ReferralRequest:
    """A validated referral: the parties as `register_referral` takes them, plus how consent was obtained."""

    office_code: str
    case_type: str
    referrer_reference: str
    decision_date: dt.date | None
    description: str
    parties: list[PartyInput]
    consent_collected_by_police: list[bool] = field(default_factory=list)
    consent_date: dt.date | None = None


@dataclass(frozen=True)
class ReceivedReferral:
    case: Case
    status: int
    body: dict[str, Any]


def _scope_problems(api_key: ApiKey, request: ReferralRequest) -> tuple[Office | None, list[Problem]]:
    problems = []
    office = api_key.offices.filter(code=request.office_code).first()
    if office is None:
        problems.append(Problem("office", "office_not_allowed", _("This API key may not refer cases to that office.")))
    if request.case_type not in api_key.case_types:
        problems.append(
            Problem("case_type", "case_type_not_allowed", _("This API key may not refer cases of that type."))
        )
    return office, problems


# The shared rules name the staff form's fields; the API's body names two of them otherwise, and an
# organisation's kind is its key's, so a case type it may not send is a problem with the case type.
_API_FIELDS = {"referrer_decision_date": "decision_date", "referrer_kind": "case_type"}


def _content_problems(request: ReferralRequest, referrer_kind: str) -> list[Problem]:
    """The referral rules every door shares, then the API's own: criminal cases come with police-collected consent."""
    problems = [
        Problem(_API_FIELDS.get(problem.field, problem.field), problem.code, problem.message)
        for problem in referral_rules.referral_problems(
            case_type=request.case_type,
            referrer_kind=referrer_kind,
            referrer_reference=request.referrer_reference,
            decision_date=request.decision_date,
            parties=request.parties,
            today=clock.today(),
        )
    ]
    problems += referral_rules.past_date_problems(field="consent_date", day=request.consent_date, today=clock.today())
    if request.case_type not in CRIMINAL_CASE_TYPES:
        return problems
    for index, collected in enumerate(request.consent_collected_by_police):
        if not collected:
            problems.append(
                Problem(
                    f"parties[{index}].consent_collected_by_police",
                    "consent_required",
                    _("In criminal cases the police collect each party's consent before referring the case."),
                )
            )
    return problems


def _record_police_consents(case: Case, request: ReferralRequest) -> None:
    if request.case_type not in CRIMINAL_CASE_TYPES:
        return
    given_on = request.consent_date or request.decision_date or clock.today()
    for party, collected in zip(case.parties.order_by("pk"), request.consent_collected_by_police, strict=True):
        if not collected:
            continue
        for guardian in [None, *party.guardians.order_by("pk")]:
            party_services.record_consent(
                actor=None,
                participant=Participant(party, guardian),
                given_on=given_on,
                method=ConsentMethod.VIA_POLICE,
                information_given=_("Informed by the police before the referral."),
            )


def _claim_idempotency_key(api_key: ApiKey, key: str, body_hash: str) -> tuple[IdempotencyRecord, bool]:
    """Our record for `key`, created now (True) or found from an earlier call (False).

    Two identical requests at once: the second insert waits on the unique index until the first
    commits, fails, and then reads the first one's record.
    """
    organisation = api_key.organisation
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                organisation=organisation, key=key, body_hash=body_hash, created_at=clock.now()
            )
            return record, True
    except IntegrityError:
        record = IdempotencyRecord.objects.select_for_update().get(organisation=organisation, key=key)
    if record.body_hash != body_hash:
        raise ReferralRefused(
            409, "idempotency_key_reused", _("This Idempotency-Key was already used for a different referral.")
        )
    return record, False


@transaction.atomic
def receive_referral(
    *, api_key: ApiKey, request: ReferralRequest, idempotency_key: str = "", body_hash: str = ""
) -> ReceivedReferral:
    """Open a case in `received` from an organisation's referral, with its parties and police-collected consents.

    With `idempotency_key`, the same key and body again returns the first answer unchanged; the
    same key with another body raises `ReferralRefused` (409).
    """
    record = None
    if idempotency_key:
        record, created = _claim_idempotency_key(api_key, idempotency_key, body_hash)
        if not created:
            assert record.case is not None  # a record is committed only with its case
            return ReceivedReferral(case=record.case, status=record.response_status, body=record.response_body)
    office, problems = _scope_problems(api_key, request)
    if problems:
        raise ReferralRefused(403, "out_of_scope", _("This API key may not send this referral."), problems)
    problems = _content_problems(request, api_key.organisation.kind)
    if problems:
        raise ReferralRefused(422, "invalid_referral", _("The referral is not complete."), problems)
    case = party_services.register_referral(
        actor=None,
        office=office,
        case_type=request.case_type,
        referrer_kind=api_key.organisation.kind,
        parties=request.parties,
        description=request.description,
        referrer_name=api_key.organisation.name,
        referrer_reference=request.referrer_reference,
        referrer_decision_date=request.decision_date,
        received_on=clock.today(),
    )
    _record_police_consents(case, request)
    ApiReferral.objects.create(case=case, organisation=api_key.organisation, api_key=api_key, created_at=clock.now())
    body = referral_receipt(case)
    if record is not None:
        record.case, record.response_status, record.response_body = case, 201, body
        record.save(update_fields=["case", "response_status", "response_body"])
    return ReceivedReferral(case=case, status=201, body=body)

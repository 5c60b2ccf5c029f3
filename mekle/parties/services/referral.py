"""Opening a case from a referral, with its parties and the guardians of minors."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from mekle.accounts.types import Actor
from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.cases.models import Case
from mekle.lib import clock
from mekle.parties import events as parties_events

from .. import rules
from ..models import Guardian, Party


@dataclass
class GuardianInput:
    full_name: str
    relation: str = ""
    email: str = ""
    phone: str = ""
    national_id: str = ""


@dataclass
class PartyInput:
    full_name: str
    role: str
    date_of_birth: dt.date | None = None
    email: str = ""
    phone: str = ""
    address: str = ""
    preferred_language: str = "nb"
    other_language: str = ""
    needs_interpreter: bool = False
    national_id: str = ""
    guardians: list[GuardianInput] = field(default_factory=list)


@transaction.atomic
def register_referral(
    *,
    actor: Actor | None,
    office: Any,
    case_type: str,
    referrer_kind: str,
    parties: list[PartyInput],
    description: str = "",
    referrer_name: str = "",
    referrer_reference: str = "",
    referrer_decision_date: dt.date | None = None,
    received_on: dt.date | None = None,
) -> Case:
    """Open a case from a referral together with its parties and their guardians.

    Refuses (with every sentence at once) a referral that breaks ``parties.rules.referral_problems``.
    """
    problems = rules.referral_problems(
        case_type=case_type,
        referrer_kind=referrer_kind,
        referrer_reference=referrer_reference,
        decision_date=referrer_decision_date,
        parties=parties,
        today=clock.today(),
        received_on=received_on,
    )
    if problems:
        raise lifecycle.GuardError([problem.message for problem in problems])
    case = case_services.open_case(
        actor=actor,
        office=office,
        case_type=case_type,
        referrer_kind=referrer_kind,
        description=description,
        referrer_name=referrer_name,
        referrer_reference=referrer_reference,
        referrer_decision_date=referrer_decision_date,
        received_on=received_on,
    )
    for party_input in parties:
        _add_party(actor=actor, case=case, data=party_input)
    return case


@transaction.atomic
def add_party(*, actor: Actor | None, case: Case, data: PartyInput) -> Party:
    """Add a party to an open case; refuses an implausible date of birth (``parties.rules``)."""
    problems = rules.birth_date_problems(field="date_of_birth", date_of_birth=data.date_of_birth, today=clock.today())
    if problems:
        raise lifecycle.GuardError([problem.message for problem in problems])
    case = case_services.lock_case(case)
    lifecycle.ensure_open(case)
    return _add_party(actor=actor, case=case, data=data)


def _add_party(*, actor: Actor | None, case: Case, data: PartyInput) -> Party:
    party = Party.objects.create(
        case=case,
        full_name=data.full_name,
        role=data.role,
        date_of_birth=data.date_of_birth,
        email=data.email,
        phone=data.phone,
        address=data.address,
        preferred_language=data.preferred_language,
        other_language=data.other_language,
        needs_interpreter=data.needs_interpreter,
        national_id=data.national_id,
    )
    minor = party.is_minor_on(clock.today())
    case_services.record_event(
        case=case,
        kind=parties_events.PARTY_ADDED,
        actor=actor,
        payload={"party_id": party.pk, "name": party.full_name, "role": party.role, "minor": minor},
    )
    for guardian_input in data.guardians:
        _add_guardian(actor=actor, case=case, party=party, data=guardian_input)
    return party


@transaction.atomic
def add_guardian(*, actor: Actor, party: Party, data: GuardianInput) -> Guardian:
    case = case_services.lock_case(party.case)
    lifecycle.ensure_open(case)
    return _add_guardian(actor=actor, case=case, party=party, data=data)


def _add_guardian(*, actor: Actor | None, case: Case, party: Party, data: GuardianInput) -> Guardian:
    guardian = Guardian.objects.create(
        party=party,
        full_name=data.full_name,
        relation=data.relation,
        email=data.email,
        phone=data.phone,
        national_id=data.national_id,
    )
    case_services.record_event(
        case=case,
        kind=parties_events.GUARDIAN_ADDED,
        actor=actor,
        payload={
            "party_id": party.pk,
            "guardian_id": guardian.pk,
            "name": guardian.full_name,
            "party_name": party.full_name,
        },
    )
    return guardian

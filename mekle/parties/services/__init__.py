"""Writes about the people in a case: referral with parties, consent, withdrawal, preparation."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.cases.lifecycle import Action
from mekle.cases.models import Case, CaseType, Visibility
from mekle.lib import clock
from mekle.notices import services as notice_services
from mekle.notices.models import NoticeKind
from mekle.parties import events as parties_events

from .. import rules
from ..models import Consent, Guardian, Party, Preparation, PreparationAnswers, Withdrawal, age_on

MIN_AGE_TO_CONSENT_ALONE = 15


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
    actor: Any,
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
def add_party(*, actor: Any, case: Case, data: PartyInput) -> Party:
    case = case_services.lock_case(case)
    lifecycle.ensure_open(case)
    return _add_party(actor=actor, case=case, data=data)


def _add_party(*, actor: Any, case: Case, data: PartyInput) -> Party:
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
def add_guardian(*, actor: Any, party: Party, data: GuardianInput) -> Guardian:
    case = case_services.lock_case(party.case)
    lifecycle.ensure_open(case)
    return _add_guardian(actor=actor, case=case, party=party, data=data)


def _add_guardian(*, actor: Any, case: Case, party: Party, data: GuardianInput) -> Guardian:
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


@transaction.atomic
def record_consent(
    *,
    actor: Any,
    party: Party,
    given_on: dt.date,
    method: str,
    information_given: str,
    guardian: Guardian | None = None,
    information_version: str = "",
) -> Consent:
    """Record informed consent from `party`, or from `guardian` on the minor party's behalf."""
    case = case_services.lock_case(party.case)
    lifecycle.ensure_open(case)
    if guardian is not None and guardian.party_id != party.pk:
        raise lifecycle.GuardError([_("That guardian does not belong to this party.")])
    if given_on > clock.today():
        raise lifecycle.GuardError([_("Consent cannot be dated in the future.")])
    if not information_given.strip():
        raise lifecycle.GuardError([_("Say what information the person received.")])
    already = Consent.objects.filter(party=party, guardian=guardian, withdrawn_at__isnull=True).exists()
    if already:
        who = guardian.full_name if guardian else party.full_name
        raise lifecycle.GuardError([_("%(name)s has already consented.") % {"name": who}])
    consent = Consent.objects.create(
        party=party,
        guardian=guardian,
        given_on=given_on,
        method=method,
        information_given=information_given,
        information_version=information_version,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
        recorded_at=clock.now(),
    )
    case_services.record_event(
        case=case,
        kind=parties_events.CONSENT_GIVEN,
        actor=actor,
        payload={
            "party_id": party.pk,
            "guardian_id": guardian.pk if guardian else None,
            "name": guardian.full_name if guardian else party.full_name,
            "given_on": given_on.isoformat(),
            "method": method,
            **({"information_version": information_version} if information_version else {}),
        },
    )
    return consent


@transaction.atomic
def withdraw_consent(*, actor: Any, party: Party, guardian: Guardian | None = None, reason: str = "") -> Withdrawal:
    """A party (or a minor's guardian) withdraws: the case closes as withdrawn at once.

    Never blocked by a guard while the case is open; no reason is needed. In the same transaction
    the case's scheduled meetings are cancelled (by `mediators`, which hears `consent_withdrawn`
    before the case closes) and the case's staff, except whoever recorded it, get a notice.
    """
    case = case_services.lock_case(party.case)
    lifecycle.ensure_open(case)
    if guardian is not None and guardian.party_id != party.pk:
        raise lifecycle.GuardError([_("That guardian does not belong to this party.")])
    now = clock.now()
    withdrawal = Withdrawal.objects.create(
        party=party,
        guardian=guardian,
        reason=reason,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
        recorded_at=now,
    )
    Consent.objects.filter(party=party, guardian=guardian, withdrawn_at__isnull=True).update(withdrawn_at=now)
    name = guardian.full_name if guardian else party.full_name
    event = case_services.record_event(
        case=case,
        kind=parties_events.CONSENT_WITHDRAWN,
        actor=actor,
        payload={"party_id": party.pk, "guardian_id": guardian.pk if guardian else None, "name": name},
        visibility=Visibility.PARTIES,
    )
    case_services.transition(case=case, action=Action.WITHDRAW, actor=actor, payload={"withdrawn_by": name})
    notice_services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN, event=event)
    return withdrawal


@transaction.atomic
def record_preparation(
    *,
    actor: Any,
    party: Party,
    held_on: dt.date,
    form: str,
    support_person: str = "",
    notes: str = "",
) -> Preparation:
    """Record a preparatory talk held with one party alone. Notes stay with the case's staff."""
    case = case_services.lock_case(party.case)
    lifecycle.ensure_open(case)
    if held_on > clock.today():
        raise lifecycle.GuardError([_("A preparatory talk cannot be recorded before it has been held.")])
    preparation = Preparation.objects.create(
        party=party,
        held_on=held_on,
        form=form,
        support_person=support_person,
        notes=notes,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
        recorded_at=clock.now(),
    )
    case_services.record_event(
        case=case,
        kind=parties_events.PREPARATION_HELD,
        actor=actor,
        payload={"party_id": party.pk, "name": party.full_name, "held_on": held_on.isoformat(), "form": form},
    )
    return preparation


@transaction.atomic
def waive_guardian_consent(*, actor: Any, party: Party) -> Party:
    """Let a civil-case minor of 15 or more consent without a guardian, as the office has found unobjectionable."""
    case = case_services.lock_case(party.case)
    lifecycle.ensure_open(case)
    if case.case_type != CaseType.CIVIL:
        raise lifecycle.GuardError([_("Only in civil cases may a minor consent without a guardian.")])
    if party.date_of_birth is None or age_on(party.date_of_birth, clock.today()) < MIN_AGE_TO_CONSENT_ALONE:
        raise lifecycle.GuardError([_("Only a minor of 15 or older may consent without a guardian.")])
    if not party.is_minor_on(clock.today()):
        raise lifecycle.GuardError([_("%(name)s is an adult and consents alone.") % {"name": party.full_name}])
    if party.guardian_consent_waived:
        raise lifecycle.GuardError([_("This has already been decided.")])
    party.guardian_consent_waived = True
    party.save(update_fields=["guardian_consent_waived"])
    case_services.record_event(
        case=case,
        kind=parties_events.GUARDIAN_CONSENT_WAIVED,
        actor=actor,
        payload={"party_id": party.pk, "name": party.full_name},
    )
    return party


# Until the meeting has been held, a party may still change what they told us before it.
ANSWERS_OPEN_STATUSES = lifecycle.ANSWERS_OPEN_STATUSES
ANSWER_FIELDS = (
    "what_happened",
    "needs",
    "hopes",
    "worries",
    "feels_safe",
    "support_person",
    "accessibility_needs",
    "interpreter_language",
    "suitable_times",
)


@transaction.atomic
def save_preparation_answers(
    *, actor: Any, party: Party, answers: dict[str, str], guardian: Guardian | None = None
) -> PreparationAnswers:
    """Save a party's (or guardian's) own answers before the preparatory talk; staff read them, nobody else."""
    case = case_services.lock_case(party.case)
    lifecycle.ensure_open(case)
    if case.status not in ANSWERS_OPEN_STATUSES:
        raise lifecycle.GuardError([_("The meeting has been held, so the answers can no longer be changed.")])
    if guardian is not None and guardian.party_id != party.pk:
        raise lifecycle.GuardError([_("That guardian does not belong to this party.")])
    values = {name: answers.get(name, "") for name in ANSWER_FIELDS}
    saved, created = PreparationAnswers.objects.update_or_create(
        party=party, guardian=guardian, defaults={**values, "updated_at": clock.now()}
    )
    case_services.record_event(
        case=case,
        kind=parties_events.PREPARATION_ANSWERS_SAVED,
        actor=actor,
        payload={
            "party_id": party.pk,
            "guardian_id": guardian.pk if guardian else None,
            "name": guardian.full_name if guardian else party.full_name,
            "first_time": created,
            "feels_safe": saved.feels_safe,
        },
    )
    return saved


from .identity import link_portal_user_by_national_id  # noqa: E402  (builds on portal_user_for)
from .portal import (  # noqa: E402  (the portal services build on the ones above)
    InvitationLink,
    ask_for_portal_links,
    end_portal_access,
    end_sessions_of,
    invitation_url,
    invite_to_portal,
    portal_user_for,
    request_portal_links,
    revoke_invitation,
    use_invitation,
)

__all__ = [
    "GuardianInput",
    "InvitationLink",
    "PartyInput",
    "add_guardian",
    "add_party",
    "ask_for_portal_links",
    "end_portal_access",
    "end_sessions_of",
    "invitation_url",
    "invite_to_portal",
    "link_portal_user_by_national_id",
    "portal_user_for",
    "record_consent",
    "record_preparation",
    "register_referral",
    "request_portal_links",
    "revoke_invitation",
    "save_preparation_answers",
    "use_invitation",
    "waive_guardian_consent",
    "withdraw_consent",
]

"""Consent and its withdrawal, and a minor's leave to consent without a guardian."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from mekle.accounts.types import Actor
from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.cases.lifecycle import Action
from mekle.cases.models import CaseType, Visibility
from mekle.lib import clock
from mekle.notices import services as notice_services
from mekle.notices.models import NoticeKind
from mekle.parties import events as parties_events

from .. import rules
from ..models import Consent, Party, Withdrawal, age_on
from ..participants import Participant

MIN_AGE_TO_CONSENT_ALONE = 15


@transaction.atomic
def record_consent(
    *,
    actor: Actor | None,
    participant: Participant,
    given_on: dt.date,
    method: str,
    information_given: str,
    information_version: str = "",
) -> Consent:
    """Record informed consent from the party, or from a guardian on the minor party's behalf."""
    party, guardian = participant.party, participant.guardian
    case = case_services.lock_case(participant.case)
    lifecycle.ensure_open(case)
    participant.ensure_together()
    dated = rules.past_date_problems(field="given_on", day=given_on, today=clock.today())
    if dated:
        raise lifecycle.GuardError([problem.message for problem in dated])
    if not information_given.strip():
        raise lifecycle.GuardError([_("Say what information the person received.")])
    already = Consent.objects.filter(party=party, guardian=guardian, withdrawn_at__isnull=True).exists()
    if already:
        raise lifecycle.GuardError([_("%(name)s has already consented.") % {"name": participant.name}])
    consent = Consent.objects.create(
        party=party,
        guardian=guardian,
        given_on=given_on,
        method=method,
        information_given=information_given,
        information_version=information_version,
        recorded_by_id=case_services.actor_id_of(actor),
        recorded_at=clock.now(),
    )
    case_services.record_event(
        case=case,
        kind=parties_events.CONSENT_GIVEN,
        actor=actor,
        payload={
            **participant.who(),
            "given_on": given_on.isoformat(),
            "method": method,
            **({"information_version": information_version} if information_version else {}),
        },
    )
    return consent


@transaction.atomic
def withdraw_consent(*, actor: Actor | None, participant: Participant, reason: str = "") -> Withdrawal:
    """A party (or a minor's guardian) withdraws: the case closes as withdrawn at once.

    Never blocked by a guard while the case is open; no reason is needed. In the same transaction
    the case's scheduled meetings are cancelled (by `mediators`, which hears `consent_withdrawn`
    before the case closes) and the case's staff, except whoever recorded it, get a notice.
    """
    party, guardian = participant.party, participant.guardian
    case = case_services.lock_case(participant.case)
    lifecycle.ensure_open(case)
    participant.ensure_together()
    now = clock.now()
    withdrawal = Withdrawal.objects.create(
        party=party,
        guardian=guardian,
        reason=reason,
        recorded_by_id=case_services.actor_id_of(actor),
        recorded_at=now,
    )
    Consent.objects.filter(party=party, guardian=guardian, withdrawn_at__isnull=True).update(withdrawn_at=now)
    event = case_services.record_event(
        case=case,
        kind=parties_events.CONSENT_WITHDRAWN,
        actor=actor,
        payload=participant.who(),
        visibility=Visibility.PARTIES,
    )
    case_services.transition(case=case, action=Action.WITHDRAW, actor=actor, payload={"withdrawn_by": participant.name})
    notice_services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN, event=event)
    return withdrawal


@transaction.atomic
def waive_guardian_consent(*, actor: Actor, party: Party) -> Party:
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

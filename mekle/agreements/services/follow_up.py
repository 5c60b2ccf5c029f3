"""Following up an approved agreement: answers on each commitment, how the follow-up ends, the
reminders ahead of the fulfilment date and the record that the referrer's report exists.

Writes here follow the services' rules: one transaction each, the case locked with
`cases.services.lock_case`, every fact recorded on the timeline. Reports to the referrer are
rendered after the commit, by a task (rendering a PDF must not hold the case's lock). What may be
concluded is in `rules`; the answers so far are read through `selectors`.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.translation import gettext as _

from mekle.accounts.types import Actor, signed_in_user
from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.cases.lifecycle import Action
from mekle.cases.models import Case, Status
from mekle.lib import clock
from mekle.parties.models import Party

from .. import events as agreements_events
from ..models import AgreementVersion, Commitment, CommitmentCheck, FollowUpReminder, ReminderKind
from ..rules import Conclusion, conclusion_refusals, possible_conclusions
from ..selectors import (
    commitment_answers,
    commitments_for_complainant,
    current_approved_version,
    outcome_reported,
    withdrawal_reported,
)
from ..signals import follow_up_concluded

# Reminders go out at 09:00 Oslo time, whatever the server's clock says.
REMINDER_TIME = dt.time(9, 0)
REMINDER_ZONE = ZoneInfo("Europe/Oslo")
REMINDER_DAYS_BEFORE = {ReminderKind.WEEK_BEFORE: 7, ReminderKind.DAY_BEFORE: 1, ReminderKind.ON_THE_DAY: 0}


def _checked_version(case: Case, commitment: Commitment) -> AgreementVersion:
    lifecycle.ensure_open(case)
    version = current_approved_version(case)
    if case.status != Status.IN_FOLLOW_UP or version is None or commitment.version_id != version.pk:
        raise lifecycle.GuardError([_("This commitment is not part of an agreement in follow-up.")])
    return version


def _record_check(
    *, actor: Actor | None, case: Case, commitment: Commitment, kept: bool, note: str, by: str
) -> CommitmentCheck:
    check = CommitmentCheck.objects.create(
        commitment=commitment, kept=kept, note=note.strip(), answered_by=signed_in_user(actor), answered_at=clock.now()
    )
    case_services.record_event(
        case=case,
        kind=agreements_events.COMMITMENT_CHECKED,
        actor=actor,
        payload={"commitment_id": commitment.pk, "position": commitment.position, "kept": kept, "answered_by": by},
    )
    return check


@transaction.atomic
def check_commitment(*, actor: Actor, commitment: Commitment, kept: bool, note: str = "") -> CommitmentCheck:
    """Staff record whether `commitment` was kept; a later answer replaces an earlier one."""
    case = case_services.lock_case(commitment.version.agreement.case)
    _checked_version(case, commitment)
    return _record_check(actor=actor, case=case, commitment=commitment, kept=kept, note=note, by="staff")


@transaction.atomic
def report_fulfilment(
    *, actor: Actor | None, party: Party, commitment: Commitment, kept: bool, note: str = ""
) -> CommitmentCheck:
    """The complainant says in the portal whether a commitment made to them was kept (req. 24)."""
    case = case_services.lock_case(party.case)
    version = _checked_version(case, commitment)
    if commitment.pk not in {c.pk for c in commitments_for_complainant(version, party)}:
        raise lifecycle.GuardError([_("You can answer only for what was promised to you.")])
    return _record_check(actor=actor, case=case, commitment=commitment, kept=kept, note=note, by="complainant")


@dataclass(frozen=True)
class Answer:
    """One answer of a follow-up form that answers several commitments at once."""

    commitment: Commitment
    kept: bool
    note: str = ""


def _no_answers() -> lifecycle.GuardError:
    return lifecycle.GuardError([_("Answer for at least one commitment.")])


@transaction.atomic
def check_commitments(*, actor: Actor, case: Case, answers: Sequence[Answer]) -> list[CommitmentCheck]:
    """Staff record, in one go, whether each of several commitments of `case` was kept."""
    if not answers:
        raise _no_answers()
    case = case_services.lock_case(case)
    _checked_versions(case, answers)
    return [
        _record_check(actor=actor, case=case, commitment=a.commitment, kept=a.kept, note=a.note, by="staff")
        for a in answers
    ]


@transaction.atomic
def report_fulfilments(*, actor: Actor | None, party: Party, answers: Sequence[Answer]) -> list[CommitmentCheck]:
    """The complainant answers, in one go, for several commitments made to them (req. 24)."""
    if not answers:
        raise _no_answers()
    case = case_services.lock_case(party.case)
    version = _checked_versions(case, answers)
    promised = {c.pk for c in commitments_for_complainant(version, party)}
    if any(a.commitment.pk not in promised for a in answers):
        raise lifecycle.GuardError([_("You can answer only for what was promised to you.")])
    return [
        _record_check(actor=actor, case=case, commitment=a.commitment, kept=a.kept, note=a.note, by="complainant")
        for a in answers
    ]


def _checked_versions(case: Case, answers: Sequence[Answer]) -> AgreementVersion:
    """The version in follow-up that every answered commitment belongs to."""
    version = _checked_version(case, answers[0].commitment)
    if any(a.commitment.version_id != version.pk for a in answers):
        raise lifecycle.GuardError([_("This commitment is not part of an agreement in follow-up.")])
    return version


@transaction.atomic
def conclude(*, actor: Actor, case: Case, choice: str = "", note: str = "") -> str:
    """End the follow-up from the answers: all kept → fulfilled; a breach → by case type.

    A criminal case with a breach closes as not fulfilled and goes back to the police. In a civil
    case the caseworker chooses a new meeting (back to preparing) or closing as not fulfilled.
    Criminal cases and police-referred civil cases get an outcome report after the commit.
    """
    case = case_services.lock_case(case)
    lifecycle.ensure_open(case)
    version = current_approved_version(case)
    answers = commitment_answers(version) if version is not None else []
    reasons = conclusion_refusals(case, version, answers)
    if reasons:
        raise lifecycle.GuardError(reasons)
    assert version is not None  # conclusion_refusals refuses without one
    possible = possible_conclusions(case, answers)
    conclusion = choice or possible[0]
    if conclusion not in possible or (len(possible) > 1 and not choice):
        raise lifecycle.GuardError([_("Choose how the follow-up ends.")])
    fulfilled = conclusion == Conclusion.FULFILLED
    case_services.record_event(
        case=case,
        kind=agreements_events.FOLLOW_UP_CONCLUDED,
        actor=actor,
        payload={"fulfilled": fulfilled, "note": note, "conclusion": conclusion, "version_id": version.pk},
    )
    action = {
        Conclusion.FULFILLED: Action.MARK_FULFILLED,
        Conclusion.NOT_FULFILLED: Action.MARK_NOT_FULFILLED,
        Conclusion.NEW_MEETING: Action.OFFER_NEW_MEETING,
    }[conclusion]
    case_services.transition(case=case, action=action, actor=actor)
    if conclusion != Conclusion.NEW_MEETING:
        transaction.on_commit(
            lambda: follow_up_concluded.send(sender=AgreementVersion, case=case, version=version, outcome=conclusion)
        )
    return conclusion


@transaction.atomic
def record_outcome_report(*, version: AgreementVersion, outcome: str, sha256: str, document_id: int) -> bool:
    """Record on the timeline that the referrer's report exists; once per version and outcome."""
    case = case_services.lock_case(version.agreement.case)
    if outcome_reported(case, version, outcome):
        return False
    case_services.record_event(
        case=case,
        kind=agreements_events.OUTCOME_REPORTED,
        payload={"outcome": outcome, "sha256": sha256, "document_id": document_id, "version_id": version.pk},
    )
    return True


@transaction.atomic
def record_withdrawal_report(*, case: Case, stage: str, sha256: str, document_id: int) -> bool:
    """Record on the timeline that the referrer's report of a withdrawal exists; once per case."""
    case = case_services.lock_case(case)
    if withdrawal_reported(case):
        return False
    case_services.record_event(
        case=case,
        kind=agreements_events.OUTCOME_REPORTED,
        payload={
            "outcome": agreements_events.WITHDRAWN_OUTCOME,
            "stage": stage,
            "sha256": sha256,
            "document_id": document_id,
        },
    )
    return True


def reminder_due_at(version: AgreementVersion, kind: str) -> dt.datetime:
    day = version.fulfilment_date - dt.timedelta(days=REMINDER_DAYS_BEFORE[ReminderKind(kind)])
    return dt.datetime.combine(day, REMINDER_TIME, tzinfo=REMINDER_ZONE)


@transaction.atomic
def create_reminders(*, version: AgreementVersion) -> list[FollowUpReminder]:
    """The version's reminders still ahead of its approval; returns the ones made now (none on a re-run)."""
    approved_at = version.decided_at or clock.now()
    created = []
    for kind in REMINDER_DAYS_BEFORE:
        due_at = reminder_due_at(version, kind)
        if due_at <= approved_at:
            continue  # a week-before reminder for an agreement due in three days would only confuse
        reminder, made = FollowUpReminder.objects.get_or_create(version=version, kind=kind, defaults={"due_at": due_at})
        if made:
            created.append(reminder)
    return created

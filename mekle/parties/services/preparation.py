"""The preparatory talk with one party, and a party's own answers before it."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from mekle.accounts.types import Actor
from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.lib import clock
from mekle.parties import events as parties_events

from .. import rules
from ..models import Party, Preparation, PreparationAnswers
from ..participants import Participant


@transaction.atomic
def record_preparation(
    *,
    actor: Actor,
    party: Party,
    held_on: dt.date,
    form: str,
    support_person: str = "",
    notes: str = "",
) -> Preparation:
    """Record a preparatory talk held with one party alone. Notes stay with the case's staff."""
    case = case_services.lock_case(party.case)
    lifecycle.ensure_open(case)
    dated = rules.preparation_date_problems(held_on=held_on, received_on=case.received_on, today=clock.today())
    if dated:
        raise lifecycle.GuardError([problem.message for problem in dated])
    preparation = Preparation.objects.create(
        party=party,
        held_on=held_on,
        form=form,
        support_person=support_person,
        notes=notes,
        recorded_by_id=case_services.actor_id_of(actor),
        recorded_at=clock.now(),
    )
    case_services.record_event(
        case=case,
        kind=parties_events.PREPARATION_HELD,
        actor=actor,
        payload={"party_id": party.pk, "name": party.full_name, "held_on": held_on.isoformat(), "form": form},
    )
    return preparation


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
    *, actor: Actor | None, participant: Participant, answers: dict[str, str]
) -> PreparationAnswers:
    """Save a party's (or guardian's) own answers before the preparatory talk; staff read them, nobody else."""
    case = case_services.lock_case(participant.case)
    lifecycle.ensure_open(case)
    if case.status not in ANSWERS_OPEN_STATUSES:
        raise lifecycle.GuardError([_("The meeting has been held, so the answers can no longer be changed.")])
    participant.ensure_together()
    values = {name: answers.get(name, "") for name in ANSWER_FIELDS}
    saved, created = PreparationAnswers.objects.update_or_create(
        party=participant.party, guardian=participant.guardian, defaults={**values, "updated_at": clock.now()}
    )
    case_services.record_event(
        case=case,
        kind=parties_events.PREPARATION_ANSWERS_SAVED,
        actor=actor,
        payload={
            **participant.who(),
            "first_time": created,
            "feels_safe": saved.feels_safe,
        },
    )
    return saved

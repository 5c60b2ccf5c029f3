"""Who is reminded that an answer is waiting: a person invited to the portal a week ago or more who has
neither said yes nor withdrawn.

One query finds them all, whatever their number: everyone who must not be reminded is left out in
SQL (a case that is closed or whose messages staff paused, a person who withdrew or whose portal
access was ended, a person with no address, one already reminded). A person is reminded once per
case (the outbox row's key is the person), by the sweep (`tasks.catch_up_answer_reminders`).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case as If
from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.db.models import When as Then
from django.db.models.functions import Cast, Coalesce, Concat, NullIf

from mekle.cases.models import OPEN_STATUSES
from mekle.outbox.models import OutboxEmail

from .models import Consent, PortalInvitation, Withdrawal

ANSWER_REMINDER = "parties.answer_reminder"
REMIND_AFTER = dt.timedelta(days=7)


@dataclass(frozen=True)
class DueReminder:
    key: str  # "party id:guardian id" ("-" for the party themselves): the outbox key, once per person
    party_id: int
    guardian_id: int | None
    address: str
    language: str
    office_id: int  # whose contact details the reminder ends with


def _own_address(prefix: str) -> Coalesce:
    """The person's sign-in address, else the one staff registered; NULL when neither is set."""
    return Coalesce(NullIf(f"{prefix}__user__email", Value("")), NullIf(f"{prefix}__email", Value("")))


def due_reminders(now: dt.datetime, *, keys: list[str] | None = None) -> list[DueReminder]:
    """Everyone who should be reminded now (of `keys` only, when given). One query."""
    party_consent = Consent.objects.filter(party=OuterRef("party_id"), guardian__isnull=True, withdrawn_at__isnull=True)
    guardian_consent = Consent.objects.filter(
        party=OuterRef("party_id"), guardian=OuterRef("guardian_id"), withdrawn_at__isnull=True
    )
    reminded = OutboxEmail.objects.filter(source=ANSWER_REMINDER, key=OuterRef("reminder_key"))
    invited = (
        PortalInvitation.objects.filter(created_at__lte=now - REMIND_AFTER, party__case__status__in=OPEN_STATUSES)
        .exclude(party__case__thread__paused=True)
        .filter(
            Q(guardian__isnull=True, party__portal_access_ended_at__isnull=True)
            | Q(guardian__isnull=False, guardian__portal_access_ended_at__isnull=True)
        )
        .exclude(Exists(Withdrawal.objects.filter(party=OuterRef("party_id"))))
        .exclude(Q(guardian__isnull=True) & Exists(party_consent))
        .exclude(Q(guardian__isnull=False) & Exists(guardian_consent))
        .annotate(
            address=If(Then(guardian__isnull=True, then=_own_address("party")), default=_own_address("guardian")),
            # A guardian's own language, else the party's (blank means the party's).
            language=Coalesce(NullIf("guardian__preferred_language", Value("")), "party__preferred_language"),
            reminder_key=Concat(
                Cast("party_id", CharField()),
                Value(":"),
                Coalesce(Cast("guardian_id", CharField()), Value("-")),
                output_field=CharField(),
            ),
        )
        .filter(address__isnull=False)
        .exclude(Exists(reminded))
    )
    if keys is not None:
        invited = invited.filter(reminder_key__in=keys)
    rows = invited.values_list(
        "reminder_key", "party_id", "guardian_id", "address", "language", "party__case__office_id"
    )
    return [DueReminder(*row) for row in sorted(set(rows))]

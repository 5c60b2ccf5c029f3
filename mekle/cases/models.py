"""Cases, their hash-chained timeline and their suitability assessments."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The vocabulary (case types, statuses and what each means) lives with the transition table;
# these names stay importable from here.
from .lifecycle import CLOSED_STATUSES as CLOSED_STATUSES
from .lifecycle import OPEN_STATUSES as OPEN_STATUSES
from .lifecycle import PRE_MEETING_STATUSES as PRE_MEETING_STATUSES
from .lifecycle import CaseType as CaseType
from .lifecycle import Status as Status

CRIMINAL_CASE_TYPES = frozenset(
    {CaseType.CRIMINAL_MEDIATION, CaseType.FOLLOW_UP, CaseType.YOUTH_FOLLOW_UP, CaseType.YOUTH_SENTENCE}
)


class ReferrerKind(models.TextChoices):
    POLICE = "police", _("Police / prosecuting authority")
    COURT = "court", _("Court")
    SCHOOL = "school", _("School")
    CHILD_WELFARE = "child_welfare", _("Child welfare service")
    MUNICIPALITY = "municipality", _("Municipality")
    PARTY = "party", _("A party itself")
    OTHER = "other", _("Other")


class Case(models.Model):
    """A conflict the service has been asked to help with.

    `reference` is the readable identifier (``OSL-2026-00042``: office code, year, running
    number). `status` is changed only by ``cases.lifecycle``; `due_on` is the processing target
    a case before its meeting is measured against ("overdue"). The referrer fields say who sent
    the case, their own reference, and for criminal cases the date of their decision.
    """

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    office = models.ForeignKey(
        "accounts.Office", verbose_name=_("office"), on_delete=models.PROTECT, related_name="cases"
    )
    case_type = models.CharField(_("case type"), max_length=30, choices=CaseType.choices)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    description = models.TextField(_("description"), blank=True)
    referrer_kind = models.CharField(_("referred by"), max_length=20, choices=ReferrerKind.choices)
    referrer_name = models.CharField(_("referrer (organisation or person)"), max_length=200, blank=True)
    referrer_reference = models.CharField(_("referrer's reference"), max_length=100, blank=True)
    referrer_decision_date = models.DateField(_("date of the referrer's decision"), null=True, blank=True)
    received_on = models.DateField(_("received"))
    due_on = models.DateField(_("processing target"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        # The case list filters by office (a caseworker's own) and often by status, and sorts by one
        # of access.case_list.SORTS: each index below lets the database read a page in sort order
        # and stop after it, instead of sorting every matching case (tens of thousands).
        indexes = [
            models.Index(fields=["office", "status", "-received_on", "-id"], name="case_office_status_idx"),
            models.Index(fields=["office", "status", "due_on", "id"], name="case_office_status_due_idx"),
            models.Index(fields=["office", "-received_on", "-id"], name="case_office_received_idx"),
            models.Index(fields=["office", "due_on", "id"], name="case_office_due_idx"),
            models.Index(fields=["office", "reference"], name="case_office_reference_idx"),
            models.Index(fields=["status", "due_on"], name="case_status_due_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_criminal(self) -> bool:
        return self.case_type in CRIMINAL_CASE_TYPES

    def is_overdue(self, today: dt.date) -> bool:
        return is_overdue(self.status, self.due_on, today)


def is_overdue(status: str, due_on: dt.date, today: dt.date) -> bool:
    """A case is overdue when it has not reached a meeting by its processing target."""
    return status in PRE_MEETING_STATUSES and due_on < today


class ReferenceCounter(models.Model):
    """The last running number used for an office's case references in one year."""

    office = models.ForeignKey("accounts.Office", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "year"], name="one_counter_per_office_year")]

    def __str__(self) -> str:
        return f"{self.office_id}-{self.year}: {self.last_number}"


class Visibility(models.TextChoices):
    STAFF = "staff", _("Staff of the case")
    PARTIES = "parties", _("Staff and parties")


class CaseEvent(models.Model):
    """One fact in a case's history: append-only and hash-chained.

    - `sequence`: 1, 2, 3 … within the case; the chain follows it.
    - `actor`: who did it (``None`` for the system or an API client).
    - `kind`: a past-tense verb declared in an app's ``events.py`` (``consent_given``).
    - `occurred_at`: when it was recorded.
    - `payload`: a small JSON object with what the kind needs
      (``{"party_id": 7, "name": "Ola Nordmann", "method": "phone"}``). Only JSON strings,
      numbers, booleans and lists/objects of them, so the canonical form survives a round trip.
    - `visibility`: who besides the case's staff may read it (``staff`` keeps it to staff).
    - `payload_digest`: SHA-256 over the payload's canonical JSON, which the hash covers in its
      place, so a retention rule can erase the payload's personal fields and the chain still verifies.
    - `chain_version`: which formula the hash follows (``cases.chain``): 1 for events written before
      payload digests (their hash covers the payload itself), 2 since.
    - `prev_hash`: the `hash` of the event before it in the same case ("" for the first).
    - `hash`: SHA-256 over the canonical JSON of all of the above; changing any of them
      afterwards breaks the chain, which ``manage.py verify_timeline`` reports.

    Written only by ``cases.services.record_event``.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    sequence = models.PositiveIntegerField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=50)
    occurred_at = models.DateTimeField()
    payload = models.JSONField(default=dict, blank=True)
    payload_digest = models.CharField(max_length=64, blank=True)
    chain_version = models.PositiveSmallIntegerField(default=2)
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.STAFF)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["case", "sequence"]
        constraints = [models.UniqueConstraint(fields=["case", "sequence"], name="one_event_per_case_sequence")]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.sequence} {self.kind}"


class SafetyRisk(models.TextChoices):
    NONE_KNOWN = "none_known", _("No known risk")
    SOME = "some", _("Some risk: needs measures")
    HIGH = "high", _("High risk")


class SuitabilityAssessment(models.Model):
    """The caseworker's structured assessment of whether a case suits mediation, and the decision."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    facts_broadly_agreed = models.BooleanField(_("the parties broadly agree on the facts"))
    safety_risk = models.CharField(_("safety and violence risk"), max_length=20, choices=SafetyRisk.choices)
    power_imbalance = models.BooleanField(_("there is a power imbalance between the parties"))
    court_case_ongoing = models.BooleanField(_("a court case about the conflict is ongoing"))
    capacity_to_take_part = models.BooleanField(_("every party is able to take part"))
    other_considerations = models.TextField(_("other considerations"), blank=True)
    suitable = models.BooleanField(_("suitable"))
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("suitability assessment")

    def __str__(self) -> str:
        return f"{self.case_id}: {'suitable' if self.suitable else 'not suitable'}"

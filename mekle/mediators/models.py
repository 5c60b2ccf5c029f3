"""Mediators on cases: assignments, declared ties to parties, and meetings."""

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_MEDIATORS_PER_CASE = 2


class Assignment(models.Model):
    """A mediator assigned to a case; `ended_at` is set when they are taken off it."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="assignments")
    mediator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assigned_at", "id"]
        indexes = [models.Index(fields=["mediator", "ended_at"], name="assignment_mediator_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "mediator"],
                condition=models.Q(ended_at__isnull=True),
                name="one_active_assignment_per_mediator",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mediator_id} on {self.case_id}"


class TieDeclaration(models.Model):
    """A mediator's declared tie to a party (family, work, neighbour …): they cannot mediate for them."""

    mediator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ties")
    party = models.ForeignKey("parties.Party", on_delete=models.CASCADE, related_name="mediator_ties")
    description = models.CharField(_("the tie"), max_length=300)
    declared_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["declared_at"]
        verbose_name = _("declared tie")

    def __str__(self) -> str:
        return f"{self.mediator_id} – {self.party_id}: {self.description}"


class MeetingType(models.TextChoices):
    MEDIATION = "mediation", _("Mediation meeting")
    CONFERENCE = "conference", _("Conference")
    YOUTH_PLAN = "youth_plan", _("Youth plan meeting")
    FACILITATED = "facilitated", _("Facilitated meeting")
    FOLLOW_UP = "follow_up", _("Follow-up meeting")
    OTHER = "other", _("Other meeting")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingResult(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement reached")
    NO_AGREEMENT = "no_agreement", _("No agreement")


class Meeting(models.Model):
    """A meeting between the parties: in person at a street address, in a video room, or both.

    `location` names the place or room ("Konfliktrådet, møterom 2"); `directions` says how to find it
    (floor, entrance, parking, step-free access). `sequence` counts the calendar file's revisions: it
    goes up each time the meeting is moved or cancelled, so a calendar replaces the older file.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="meetings")
    meeting_type = models.CharField(_("type of meeting"), max_length=20, choices=MeetingType.choices)
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=120)
    location = models.CharField(_("place"), max_length=300, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    post_town = models.CharField(_("post town"), max_length=100, blank=True)
    directions = models.TextField(_("directions"), blank=True, max_length=2000)
    video_link = models.URLField(_("video link"), blank=True)
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    result = models.CharField(_("result"), max_length=20, choices=MeetingResult.choices, blank=True)
    agreement_summary = models.TextField(_("the agreement, in short"), blank=True)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["status", "starts_at"], name="meeting_status_start_idx")]
        verbose_name = _("meeting")

    def __str__(self) -> str:
        return f"{self.get_meeting_type_display()} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    @property
    def address(self) -> str:
        """The street address on one line ("Storgata 1, 0155 Oslo"); "" for a meeting without one."""
        town = " ".join(part for part in (self.postcode, self.post_town) if part)
        return ", ".join(part for part in (self.street_address, town) if part)

    @property
    def map_url(self) -> str:
        """A plain link to the address on OpenStreetMap (a search, no embedded map); "" without an address."""
        if not self.street_address:
            return ""
        return "https://www.openstreetmap.org/search?" + urlencode({"query": self.address})

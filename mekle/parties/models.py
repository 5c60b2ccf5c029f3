"""The people in a case: parties, guardians of minors, their consent, withdrawals and preparation."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

ADULT_AGE = 18


class PartyRole(models.TextChoices):
    VICTIM = "victim", _("Victim / complainant")
    OFFENDER = "offender", _("Offender / respondent")
    OTHER = "other", _("Other party")


class Language(models.TextChoices):
    BOKMAL = "nb", _("Norwegian Bokmål")
    NYNORSK = "nn", _("Norwegian Nynorsk")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other")


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


class Party(models.Model):
    """A person (or organisation) in a case. Contact details are for staff; never shown to other parties."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="parties")
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=Language.choices, default=Language.BOKMAL
    )
    other_language = models.CharField(_("other language"), max_length=100, blank=True)
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        indexes = [models.Index(fields=["full_name"], name="party_name_idx")]

    def __str__(self) -> str:
        return self.full_name

    def is_minor_on(self, day: dt.date) -> bool:
        return self.date_of_birth is not None and age_on(self.date_of_birth, day) < ADULT_AGE


class Guardian(models.Model):
    """A guardian (verge / foresatt) of a minor party, who consents and signs with them."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="guardians")
    full_name = models.CharField(_("full name"), max_length=200)
    relation = models.CharField(_("relation to the party"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")

    def __str__(self) -> str:
        return self.full_name


class ConsentMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    WRITTEN = "written", _("In writing")
    DIGITAL = "digital", _("Digitally")
    VIA_POLICE = "via_police", _("Collected by the police")


class Consent(models.Model):
    """Informed consent from a party, or from a guardian for a minor party (`guardian` set)."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="consents")
    guardian = models.ForeignKey(Guardian, null=True, blank=True, on_delete=models.CASCADE, related_name="consents")
    given_on = models.DateField(_("date given"))
    method = models.CharField(_("how it was given"), max_length=20, choices=ConsentMethod.choices)
    information_given = models.TextField(_("information the person received"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("consent")

    def __str__(self) -> str:
        return f"consent {self.party_id}/{self.guardian_id or '-'} {self.given_on}"


class Withdrawal(models.Model):
    """A party (or guardian) withdrew consent. No reason is required."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="withdrawals")
    guardian = models.ForeignKey(Guardian, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason (optional)"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"withdrawal {self.party_id}/{self.guardian_id or '-'}"


class PreparationForm(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video")


class Preparation(models.Model):
    """A preparatory talk (forsamtale) with one party alone. The notes are for the case's staff only."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="preparations")
    held_on = models.DateField(_("date"))
    form = models.CharField(_("form"), max_length=20, choices=PreparationForm.choices)
    support_person = models.CharField(_("support person"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("preparatory talk")

    def __str__(self) -> str:
        return f"preparation {self.party_id} {self.held_on}"

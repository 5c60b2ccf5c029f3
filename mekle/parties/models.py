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


# A guardian's own language, where it is not the party's (no "other": an interpreter is the party's).
GUARDIAN_LANGUAGES = [(value, label) for value, label in Language.choices if value != Language.OTHER]


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
    national_id = models.CharField(_("national identity number"), max_length=11, blank=True, db_index=True)
    # A civil-case minor of 15 or more may consent alone when the office finds it unobjectionable.
    guardian_consent_waived = models.BooleanField(_("may consent without a guardian"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="portal_parties"
    )
    # Set when staff end the person's portal access; cleared when they invite the person again.
    portal_access_ended_at = models.DateTimeField(null=True, blank=True)
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
    address = models.CharField(_("address"), max_length=300, blank=True)
    # Blank: the party's language (most guardians share it); else what is written to this guardian.
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=GUARDIAN_LANGUAGES, blank=True, default=""
    )
    national_id = models.CharField(_("national identity number"), max_length=11, blank=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="portal_guardianships"
    )
    portal_access_ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")

    def __str__(self) -> str:
        return self.full_name

    @property
    def language(self) -> str:
        """The language to write to this guardian in: their own, else the party's."""
        return self.preferred_language or self.party.preferred_language


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
    # Which version of the portal's information text the person read before consenting there.
    information_version = models.CharField(max_length=50, blank=True)
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


class PortalInvitation(models.Model):
    """A personal sign-in link to the portal for a party, or for a guardian of a minor party.

    The link carries a signed token (django-sesame) scoped to this invitation; the row decides
    whether it still works: it expires at `expires_at`, works once (`used_at`) and can be revoked.
    """

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="invitations")
    guardian = models.ForeignKey(Guardian, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_invitations")
    sent_to = models.EmailField(blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("portal invitation")

    def __str__(self) -> str:
        return f"invitation {self.pk} for {self.party_id}/{self.guardian_id or '-'}"

    def state_at(self, moment: dt.datetime) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.used_at is not None:
            return "used"
        if self.expires_at <= moment:
            return "expired"
        return "active"


class FeelsSafe(models.TextChoices):
    YES = "yes", _("Yes")
    UNSURE = "unsure", _("I am not sure")
    NO = "no", _("No")


class PreparationAnswers(models.Model):
    """A party's (or guardian's) own answers before the preparatory talk. For the case's staff only."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="preparation_answers")
    guardian = models.ForeignKey(Guardian, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    what_happened = models.TextField(_("What happened, in your own words"), blank=True)
    needs = models.TextField(_("What do you need now?"), blank=True)
    hopes = models.TextField(_("What do you hope will come out of the meeting?"), blank=True)
    worries = models.TextField(_("Is there anything you are worried about?"), blank=True)
    feels_safe = models.CharField(
        _("Do you feel safe meeting the other party?"), max_length=10, choices=FeelsSafe.choices
    )
    support_person = models.CharField(_("Support person you would like to bring"), max_length=200, blank=True)
    accessibility_needs = models.TextField(_("Accessibility needs"), blank=True)
    interpreter_language = models.CharField(_("Interpreter needed for language"), max_length=100, blank=True)
    suitable_times = models.TextField(_("Times that suit you"), blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["party", "guardian"], name="one_answer_set_per_person"),
            models.UniqueConstraint(
                fields=["party"], condition=models.Q(guardian__isnull=True), name="one_answer_set_per_party"
            ),
        ]
        verbose_name = _("preparation answers")
        verbose_name_plural = _("preparation answers")

    def __str__(self) -> str:
        return f"answers {self.party_id}/{self.guardian_id or '-'}"

"""Written agreements: versions that freeze when sent for signing, their commitments, signatures,
the documents rendered from them, and the follow-up of each commitment."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Agreement(models.Model):
    """The agreement of one case. Its text lives in versions; the newest one is the one that counts."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="agreement")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("agreement")

    def __str__(self) -> str:
        return f"agreement of {self.case_id}"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent for signing")
    SUPERSEDED = "superseded", _("Replaced by a newer version")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Approval refused")


class AgreementVersion(models.Model):
    """One version of the text. A draft may change; once sent for signing it is frozen.

    `content_hash` is the SHA-256 of the canonical JSON of the frozen content (introduction,
    fulfilment date, cooling-off period and every commitment), stored when the version is sent for
    signing: documents print it, and any later change to the rows makes it disagree. A change after
    that makes a new version (`number` + 1) that must be signed again; earlier versions stay readable.
    `cooling_off_days` is 14 in criminal cases (angrefrist) and 0 in civil cases unless the parties
    choose one; `takes_effect_on` is set on approval.
    """

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    introduction = models.TextField(_("introduction, in the parties' own words"), blank=True)
    fulfilment_date = models.DateField(_("fulfilment date"))
    cooling_off_days = models.PositiveIntegerField(_("cooling-off period (days)"), default=0)
    content_hash = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.TextField(blank=True)
    takes_effect_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["agreement", "number"]
        constraints = [models.UniqueConstraint(fields=["agreement", "number"], name="one_version_number")]
        verbose_name = _("agreement version")

    def __str__(self) -> str:
        return f"{self.agreement_id} v{self.number} ({self.status})"

    @property
    def is_frozen(self) -> bool:
        return self.status != VersionStatus.DRAFT


class CommitmentKind(models.TextChoices):
    APOLOGY = "apology", _("Apology")
    PAYMENT = "payment", _("Payment")
    WORK = "work", _("Work for the other party")
    CONDUCT = "conduct", _("Conduct")
    RETURN_PROPERTY = "return_property", _("Return of property")
    OTHER = "other", _("Other")


class Commitment(models.Model):
    """Who does what for whom by when. A payment has an amount, instalments and a recipient."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="commitments")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=CommitmentKind.choices)
    party = models.ForeignKey("parties.Party", verbose_name=_("who"), on_delete=models.PROTECT, related_name="+")
    beneficiary = models.ForeignKey(
        "parties.Party",
        verbose_name=_("for whom"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("what"))
    due_on = models.DateField(_("by when"))
    amount = models.DecimalField(_("amount (NOK)"), max_digits=10, decimal_places=2, null=True, blank=True)
    instalments = models.PositiveIntegerField(_("number of instalments"), null=True, blank=True)

    class Meta:
        ordering = ["version", "position", "id"]
        verbose_name = _("commitment")

    def __str__(self) -> str:
        return f"{self.kind}: {self.description[:40]}"


class SignatureMethod(models.TextChoices):
    PORTAL = "portal", _("In the portal")
    PAPER = "paper", _("On paper")


class Signature(models.Model):
    """A party's (or a minor's guardian's) signature on one frozen version, given of their own free will."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="signatures")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    guardian = models.ForeignKey("parties.Guardian", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(max_length=10, choices=SignatureMethod.choices)
    signed_at = models.DateTimeField()
    statement = models.TextField()
    content_hash = models.CharField(max_length=64)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    scanned_copy = models.FileField(upload_to="signatures/%Y/", blank=True)

    class Meta:
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "party"], condition=models.Q(guardian__isnull=True), name="one_party_signature"
            ),
            models.UniqueConstraint(fields=["version", "party", "guardian"], name="one_guardian_signature"),
        ]
        verbose_name = _("signature")

    def __str__(self) -> str:
        return f"signature {self.party_id}/{self.guardian_id or '-'} on {self.version_id}"


class DocumentKind(models.TextChoices):
    AGREEMENT = "agreement", _("Signed agreement")
    OUTCOME_REPORT = "outcome_report", _("Outcome report to the referrer")


class Document(models.Model):
    """A PDF/A rendered from an HTML template, stored with its SHA-256."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="documents")
    version = models.ForeignKey(
        AgreementVersion, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    language = models.CharField(max_length=5)
    file = models.FileField(upload_to="documents/%Y/")
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("document")

    def __str__(self) -> str:
        return f"{self.kind} {self.language} for {self.case_id}"


class CommitmentCheck(models.Model):
    """The answer to "was this commitment kept?", from staff or from the complainant in the portal."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="checks")
    kept = models.BooleanField()
    note = models.TextField(blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["answered_at", "id"]

    def __str__(self) -> str:
        return f"check {self.commitment_id}: {self.kept}"


class ReminderKind(models.TextChoices):
    WEEK_BEFORE = "week_before", _("A week before the fulfilment date")
    DAY_BEFORE = "day_before", _("The day before the fulfilment date")
    ON_THE_DAY = "on_the_day", _("On the fulfilment date")


class FollowUpReminder(models.Model):
    """One reminder about an approved version's fulfilment date; `sent_at` makes it fire once."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at"]
        constraints = [models.UniqueConstraint(fields=["version", "kind"], name="one_reminder_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.version_id}"

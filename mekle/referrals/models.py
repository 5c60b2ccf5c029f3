"""Referrals from outside the service: public self-referrals, and organisations referring through the API."""

import datetime as dt
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from mekle.cases.models import ReferrerKind


class SelfReferral(models.Model):
    """A request for help sent by a person through the public form, and the case it opened.

    Kept to stop abuse without keeping who sent it: `ip_hash` is a keyed SHA-256 of the sender's IP
    address (keyed with SECRET_KEY, so it cannot be reversed by trying every address), never the
    address itself; `fingerprint` is a SHA-256 of the normalised e-mail, names and description, so
    a second click on "send" finds the first request instead of opening a second case.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="self_referrals")
    ip_hash = models.CharField(_("IP address hash"), max_length=64)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("self-referral")
        verbose_name_plural = _("self-referrals")
        indexes = [
            models.Index(fields=["ip_hash", "created_at"], name="selfreferral_ip_idx"),
            models.Index(fields=["fingerprint", "created_at"], name="selfreferral_fingerprint_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.created_at:%Y-%m-%d %H:%M}"


def new_webhook_secret() -> str:
    return secrets.token_hex(32)


class ReferrerOrganisation(models.Model):
    """A police district, prosecutor, court, school or municipality that refers cases through the API.

    `webhook_url` receives the outcomes (empty: the organisation polls ``/api/v1/outcomes``);
    `webhook_secret` signs them (HMAC-SHA256), so the receiver knows they came from Mekle.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ReferrerKind.choices)
    webhook_url = models.URLField(_("webhook URL"), blank=True)
    webhook_secret = models.CharField(_("webhook secret"), max_length=64, default=new_webhook_secret)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("referrer organisation")
        verbose_name_plural = _("referrer organisations")

    def __str__(self) -> str:
        return self.name


class ApiKey(models.Model):
    """A secret an organisation's system sends as ``Authorization: Bearer <key>``.

    Only `key_hash` (SHA-256 of the key) is stored; the key is shown once when created. `prefix`
    (its first characters) tells keys apart in lists and logs. The key may refer cases to the
    `offices` and `case_types` listed. Rotation: create a new key, give the old one a
    `revoked_at` some days ahead (the overlap), and it stops working then.
    """

    organisation = models.ForeignKey(
        ReferrerOrganisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    offices = models.ManyToManyField("accounts.Office", verbose_name=_("offices"), related_name="+")
    case_types = models.JSONField(_("case types"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked from"), null=True, blank=True)

    class Meta:
        ordering = ["organisation", "-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.organisation_id})"

    def is_active_at(self, when: dt.datetime) -> bool:
        return self.revoked_at is None or self.revoked_at > when


class ApiRequestLog(models.Model):
    """One call to the API: who (the key, if any), what and how it went. Never the bodies."""

    api_key = models.ForeignKey(ApiKey, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests")
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=300)
    status = models.PositiveSmallIntegerField()
    duration_ms = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API request")
        verbose_name_plural = _("API requests")
        indexes = [models.Index(fields=["api_key", "created_at"], name="apirequest_key_time_idx")]

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.status}"


class ApiReferral(models.Model):
    """The case an organisation referred through the API: it alone may read it and hears its outcome."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="api_referral")
    organisation = models.ForeignKey(ReferrerOrganisation, on_delete=models.PROTECT, related_name="referrals")
    api_key = models.ForeignKey(ApiKey, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("API referral")
        verbose_name_plural = _("API referrals")

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.case_id}"


class IdempotencyRecord(models.Model):
    """The answer to a referral sent with an ``Idempotency-Key``: a retry gets the same answer.

    `body_hash` is the SHA-256 of the request's canonical JSON; the same key with another body is refused.
    """

    organisation = models.ForeignKey(ReferrerOrganisation, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    body_hash = models.CharField(max_length=64)
    case = models.ForeignKey("cases.Case", null=True, on_delete=models.CASCADE, related_name="+")
    response_status = models.PositiveSmallIntegerField(default=0)
    response_body = models.JSONField(default=dict)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="one_idempotency_key_per_org")]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.key}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed for good")
    POLL_ONLY = "poll_only", _("No webhook: polled")


class OutcomeDelivery(models.Model):
    """An outcome to tell a referring organisation about: the outbox row for its webhook and its polling.

    Created in the same transaction as the case event it reports (`event_sequence`, `kind`), so an
    outcome is never lost; `delivered_at` is set once, after the receiver answered 2xx, and a
    delivered row is never sent again.
    """

    organisation = models.ForeignKey(ReferrerOrganisation, on_delete=models.CASCADE, related_name="deliveries")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    event_sequence = models.PositiveIntegerField()
    kind = models.CharField(max_length=40)
    body = models.JSONField()
    status = models.CharField(max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # Held by the worker sending it until then (mekle.outbox.services: claim, send, record).
    claimed_until = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        verbose_name = _("outcome delivery")
        verbose_name_plural = _("outcome deliveries")
        constraints = [
            models.UniqueConstraint(fields=["case", "event_sequence"], name="one_delivery_per_case_event"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due_idx")]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.event_sequence} {self.kind} ({self.status})"

"""Referrals from outside the service; for now the public self-referrals and what slows down abuse."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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

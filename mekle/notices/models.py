"""Notices to staff: something on a case they must know about, shown on their workspace start page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    WITHDRAWN = "withdrawn", _("A party withdrew")
    FLAGGED_MESSAGE = "flagged_message", _("A message the tone check flagged was sent")
    MESSAGE_HELD = "message_held", _("A message waits for you to deliver or return it")
    PARTY_MESSAGE = "party_message", _("A party wrote to the staff of the case")


class StaffNotice(models.Model):
    """One member of staff told that something happened on a case, until they mark it seen.

    `user` is the caseworker or mediator told (a notice is only ever shown to them); `kind` says
    what happened, in a sentence that names nobody; `event` is the case event it is about (for
    example the `consent_withdrawn` event of a withdrawal), when there is one. `seen_at` is set
    when they press "Mark as seen"; until then the notice is open.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_notices")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="staff_notices")
    kind = models.CharField(_("kind"), max_length=30, choices=NoticeKind.choices)
    event = models.ForeignKey("cases.CaseEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "seen_at", "created_at"], name="notice_user_open_idx")]
        verbose_name = _("notice to staff")

    def __str__(self) -> str:
        return f"{self.kind} on {self.case_id} for {self.user_id}"

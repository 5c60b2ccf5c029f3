"""The staff audit log: sign-ins, lockouts, second-factor changes, session ends and refusals.

Kept apart from the access log (mekle.access), which says who read which case: this one says how
people got in, or did not. Times are stored in UTC (USE_TZ); no password, code or token is ever
written here, only what happened, to whom, from where.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffAuditKind(models.TextChoices):
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    LOCKED_OUT = "locked_out", _("Locked out")
    UNLOCKED = "unlocked", _("Unlocked by an administrator")
    SIGNED_OUT = "signed_out", _("Signed out")
    SESSION_ENDED = "session_ended", _("Session ended")
    SECOND_FACTOR_VERIFIED = "second_factor_verified", _("Second factor verified")
    SECOND_FACTOR_FAILED = "second_factor_failed", _("Second factor failed")
    FACTOR_ADDED = "factor_added", _("Second factor added")
    FACTOR_REMOVED = "factor_removed", _("Second factor removed")
    FACTORS_RESET = "factors_reset", _("Second factors reset by an administrator")
    RECOVERY_CODES_MADE = "recovery_codes_made", _("Recovery codes made")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    ACCESS_REFUSED = "access_refused", _("Access refused")


class StaffAuditEntry(models.Model):
    """One thing that happened at the door. `user` is who it concerned, when known (a failed
    sign-in for a name nobody has keeps the name tried in `username`, and no user); `actor` is who
    did it when that is somebody else (an administrator resetting factors or unlocking)."""

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=40, choices=StaffAuditKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=500, blank=True)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("staff audit entry")
        verbose_name_plural = _("staff audit log")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S}Z {self.kind} {self.username}"


class StaffSession(models.Model):
    """One browser where a member of staff is signed in, for their list of sessions ("My sessions")
    and for ending sessions at once (a changed password or second factor, a deactivated account).

    `session_key` is the key under which the session store (SESSION_ENGINE) keeps the session, so
    that ending it deletes it there; it is never shown or written to the audit log (the page names
    a session by `pk`, and only to its owner). `started_at` is the sign-in, `last_seen_at` the last
    request, written at most once a minute (mekle/signin/middleware.py). `browser` and `system`
    are read coarsely from the User-Agent ("Firefox", "Linux"), empty when not recognised.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    browser = models.CharField(max_length=40, blank=True)
    system = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-last_seen_at", "-id"]
        verbose_name = _("staff session")
        verbose_name_plural = _("staff sessions")

    def __str__(self) -> str:
        return f"{self.user_id} since {self.started_at:%Y-%m-%d %H:%M}Z"

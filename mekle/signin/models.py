"""The staff audit log: sign-ins, lockouts, second-factor changes, session ends and refusals.

Kept apart from the access log (mekle.access), which says who read which case: this one says how
people got in, or did not. Times are stored in UTC (USE_TZ); no password, code or token is ever
written here, only what happened, to whom, from where.
"""

import datetime as dt
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device


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


class SignInFailure(models.Model):
    """A wrong user name or password at the sign-in page, counted by the throttle (selectors).

    `username` is the name tried, case-folded (so ``Alice`` and ``alice`` count together), whether
    anybody has it or not. Rows older than the longest window are deleted as new ones come; a
    successful sign-in deletes the failures of its own name and address, an unlock those it
    ends. The staff audit log keeps the history.
    """

    username = models.CharField(max_length=150)
    ip_address = models.GenericIPAddressField()
    occurred_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["username", "occurred_at"], name="signin_failure_name_idx"),
            models.Index(fields=["ip_address", "occurred_at"], name="signin_failure_addr_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S}Z {self.username} {self.ip_address}"


class LockoutScope(models.TextChoices):
    PAIR = "pair", _("This user name from this address")
    ADDRESS = "address", _("Every user name from this address")
    ACCOUNT = "account", _("This user name from every address")


class SignInLockout(models.Model):
    """Sign-in refused for a user name from an address (`pair`), for an address (`address`), or
    for a user name from everywhere (`account`), whatever the password.

    A pair or address lockout ends by itself at `locked_until`; an account lockout has none and
    lasts until an administrator unlocks it (`unlocked_at`, `unlocked_by`). `username` is
    case-folded like SignInFailure's and is kept for names nobody has as well, so a lockout says
    nothing about whether a user exists; `user` is filled in when somebody does.
    """

    scope = models.CharField(_("scope"), max_length=10, choices=LockoutScope.choices)
    username = models.CharField(_("user name"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(_("locked at"), db_index=True)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)
    unlocked_at = models.DateTimeField(_("unlocked at"), null=True, blank=True)
    unlocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-locked_at", "-id"]
        verbose_name = _("sign-in lockout")
        verbose_name_plural = _("sign-in lockouts")

    def __str__(self) -> str:
        return f"{self.scope} {self.username} {self.ip_address or ''}".strip()

    def is_active_at(self, moment: datetime) -> bool:
        return self.unlocked_at is None and (self.locked_until is None or self.locked_until > moment)


class PasskeyDevice(Device):  # type: ignore[misc]  # django-otp ships no type hints
    """A passkey or security key (WebAuthn) a person registered as their second factor.

    django-otp's Device gives `user`, `name` and `confirmed`, so a session verified by a passkey is
    marked the same way as one verified by a code (`django_otp.login`). `credential_id` is the
    authenticator's handle for the key, `public_key` its COSE public key, and `sign_count` the
    counter it last reported: a counter that goes backwards means a cloned key, and is refused.
    A passkey never verifies a typed code (`verify_token` is always false).
    """

    # Annotated by hand: django-stubs' plugin does not see fields of a model whose base is untyped.
    credential_id: "models.BinaryField[bytes, bytes]" = models.BinaryField(max_length=1023, unique=True)
    public_key: "models.BinaryField[bytes, bytes]" = models.BinaryField()
    sign_count: "models.PositiveBigIntegerField[int, int]" = models.PositiveBigIntegerField(default=0)
    created_at: "models.DateTimeField[dt.datetime, dt.datetime]" = models.DateTimeField(auto_now_add=True)
    last_used_at: "models.DateTimeField[dt.datetime | None, dt.datetime | None]" = models.DateTimeField(
        null=True, blank=True
    )

    class Meta(Device.Meta):  # type: ignore[misc]  # as above
        verbose_name = _("passkey")
        verbose_name_plural = _("passkeys")

    def verify_token(self, token: object) -> bool:
        return False


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

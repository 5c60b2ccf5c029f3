"""How long a party's or guardian's portal session lasts, and telling them why it ended.

A portal session ends after MEKLE_PORTAL_IDLE_MINUTES without a request and at the latest
MEKLE_PORTAL_SESSION_HOURS after signing in. The last request's time is written to the session at
most once a minute, so a busy page does not write the session on every request. When a session
ends here, or because staff ended the person's access or gave them a new link, the reason is kept
in the fresh anonymous session for the sign-in help page to explain (`signed_out_reason`).
Staff sessions are not touched.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.db.models import Exists, OuterRef
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from mekle.accounts.models import Role, User
from mekle.accounts.types import Actor
from mekle.lib import clock
from mekle.parties.models import Guardian, Party

SIGNED_IN_AT = "portal_signed_in_at"
SEEN_AT = "portal_seen_at"
REASON = "portal_signed_out_reason"
IDLE, TOO_LONG, ENDED, REPLACED = "idle", "too_long", "ended", "replaced"
WRITE_EVERY = dt.timedelta(minutes=1)


def _stamp() -> int:
    return int(clock.now().timestamp())


@receiver(user_logged_in, dispatch_uid="portal.stamp_portal_session")
def stamp_portal_session(sender: Any, request: HttpRequest | None, user: Actor, **kwargs: Any) -> None:
    if request is not None and getattr(user, "role", None) == Role.PARTY:
        request.session[SIGNED_IN_AT] = request.session[SEEN_AT] = _stamp()
        request.session.pop(REASON, None)


def signed_out_reason(request: HttpRequest) -> str:
    """Why this browser's portal session ended, once: the page that explains it takes it away."""
    reason: str = request.session.pop(REASON, "")
    return reason


class PortalSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        signed_in_as = request.session.get(SESSION_KEY)  # read before the user is: a stale session is flushed then
        if signed_in_as is not None:
            self._check(request, signed_in_as)
        return self.get_response(request)

    def _check(self, request: HttpRequest, signed_in_as: Any) -> None:
        user = request.user
        if not user.is_authenticated:
            reason = _why_signed_out(signed_in_as)
            if reason:
                if SESSION_KEY in request.session:
                    request.session.flush()  # a deactivated account: Django refuses it but keeps the session
                request.session[REASON] = reason
            return
        if getattr(user, "role", None) != Role.PARTY:
            return
        now = _stamp()
        signed_in_at = request.session.setdefault(SIGNED_IN_AT, now)
        seen_at = request.session.setdefault(SEEN_AT, now)
        if now - signed_in_at >= settings.MEKLE_PORTAL_SESSION_HOURS * 3600:
            _sign_out(request, TOO_LONG)
        elif now - seen_at >= settings.MEKLE_PORTAL_IDLE_MINUTES * 60:
            _sign_out(request, IDLE)
        elif now - seen_at >= WRITE_EVERY.total_seconds():
            request.session[SEEN_AT] = now


def _sign_out(request: HttpRequest, reason: str) -> None:
    logout(request)
    request.session[REASON] = reason


def _why_signed_out(user_id: Any) -> str:
    """A session Django just refused: a portal user's access ended (their record let go of the account,
    or the account was deactivated), or their session hash changed with a new link. Staff and unknown
    users get no reason."""
    records = (
        User.objects.filter(pk=user_id, role=Role.PARTY)
        .annotate(
            has_party=Exists(Party.objects.filter(user=OuterRef("pk"))),
            has_guardian=Exists(Guardian.objects.filter(user=OuterRef("pk"))),
        )
        .values("is_active", "has_party", "has_guardian")
        .first()
    )
    if records is None:
        return ""
    still_linked = records["has_party"] or records["has_guardian"]
    return REPLACED if records["is_active"] and still_linked else ENDED

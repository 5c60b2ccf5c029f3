"""A refused page (403 or 404) shown to a signed-in person goes into the staff audit log.

Staff whose session has no verified second factor reach only the pages that get them one.

After django-otp's OTPMiddleware (which marks `request.user.is_verified()`): a signed-in member of
staff (signin.rules.needs_second_factor) is sent to the second-factor page, or to enrolment when they
have no factor yet, from every page but the ones below, keeping where they were going in `next`.
Parties, journal keepers and the API (token auth) are never asked.

How long a staff session lasts, and keeping the person's list of sessions up to date.

A staff session (mekle.accounts.models.User.is_staff_member) ends after
MEKLE_STAFF_SESSION_IDLE_MINUTES without a request and at the latest MEKLE_STAFF_SESSION_MAX_HOURS
after signing in: the person is signed out and sent to the sign-in page, which says why, and comes
back to the page they asked for. The sign-in time and the last request's time live in the session;
the last request's time is written, to the session and to the StaffSession row, at most once a
minute, so a busy page writes nothing. A session whose row is gone was ended elsewhere (by the
person, or by a password change) and is signed out too. Portal and journal sessions are not
touched (mekle.portal.middleware limits those).

The request being served is kept in a context variable for the receivers that end sessions when a
password changes (mekle/signin/receivers.py): the save of a user carries no request, and the
session in use must be kept when the person changes their own password.
"""

import datetime as dt
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect
from django_otp.middleware import OTPMiddleware

from mekle.accounts.models import User
from mekle.lib import clock
from mekle.lib.http import client_ip
from mekle.signin import audit, rules, selectors, services
from mekle.signin.models import StaffAuditKind, StaffSession

REFUSALS = {403, 404}


class RefusedAccessMiddleware:
    """After AuthenticationMiddleware. Visitors who are not signed in are not logged: a 404 for
    anybody at all would fill the log with the internet's scanners."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code in REFUSALS:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                audit.record(
                    StaffAuditKind.ACCESS_REFUSED,
                    request=request,
                    user=user,
                    detail=f"{request.method} {response.status_code}",
                )
        return response


# Pages a half-signed-in person may open: signing in and out, the factor pages, the language switch,
# the health check, and the doors that are not the staff's (the portal, ID-porten's callbacks, the API).
OPEN_ROUTES = frozenset(
    {
        "login",
        "logout",
        "set_language",
        "healthz",
        "signin:second_factor",
        "signin:enrol",
        "signin:passkey_sign_in_options",
        "signin:passkey_sign_in",
        "oidc_authentication_init",
        "oidc_authentication_callback",
        "oidc_logout",
        "oidc_sign_in_failed",
    }
)
OPEN_NAMESPACES = frozenset({"portal", "api-v1"})


def is_open(match: Any) -> bool:
    if match is None:
        return True
    return match.view_name in OPEN_ROUTES or (match.namespaces[:1] and match.namespaces[0] in OPEN_NAMESPACES)


def second_factor_url(user: Any, next_url: str = "") -> str:
    """Where a person whose session is not verified goes: enrolment first, then the code page."""
    url = reverse("signin:second_factor" if selectors.has_factor(user) else "signin:enrol")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


VERIFIED_DEVICE_SECONDS = 300


def verified_device_key(persistent_id: str) -> str:
    return f"signin:verified-device:{persistent_id}"


class KeptDeviceOTPMiddleware(OTPMiddleware):  # type: ignore[misc]  # django-otp ships no type hints
    """django-otp's OTPMiddleware, reading the session's verified device from the shared cache.

    django-otp loads the device named in the session on every request: one query on every staff
    page. With a shared cache (as for the signed-in user, mekle/accounts/backends.py) the device is
    kept there for a few minutes; saving or deleting any device drops its entry (receivers.py), so a
    removed or unconfirmed factor stops verifying on the next request. django-otp still checks
    that the device is the user's and confirmed. Without a shared cache a change made in another
    process could not reach this one's copy: the device is read every time.
    """

    def _device_from_persistent_id(self, persistent_id: str) -> Any:
        if not settings.MEKLE_SHARED_CACHE:
            return super()._device_from_persistent_id(persistent_id)
        key = verified_device_key(persistent_id)
        device = cache.get(key)
        if device is None:
            device = super()._device_from_persistent_id(persistent_id)
            if device is not None:
                cache.set(key, device, VERIFIED_DEVICE_SECONDS)
        return device


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user: Any = request.user
        if not rules.needs_second_factor(user) or user.is_verified() or is_open(request.resolver_match):
            return None
        next_url = request.get_full_path() if request.method == "GET" else ""
        url = second_factor_url(user, next_url)
        if request.headers.get("HX-Request"):
            return HttpResponse(status=204, headers={"HX-Redirect": url})
        return HttpResponseRedirect(url)


SIGNED_IN_AT = "staff_signed_in_at"
SEEN_AT = "staff_seen_at"
RECORD = "staff_session"  # [StaffSession pk, the session key it was recorded under]
WRITE_EVERY = dt.timedelta(minutes=1)
IDLE, TOO_LONG, ENDED = "idle", "too_long", "ended"

_current_request: ContextVar[HttpRequest | None] = ContextVar("staff_session_request", default=None)


def current_request() -> HttpRequest | None:
    """The request being served in this thread or task, if any (None in a shell or a worker)."""
    return _current_request.get()


def now_stamp() -> int:
    return int(clock.now().timestamp())


def as_time(stamp: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(stamp, dt.UTC)


def mark_signed_in(session: SessionBase, record: StaffSession, stamp: int) -> None:
    """Called at sign-in, once the session's row exists."""
    session[SIGNED_IN_AT] = session[SEEN_AT] = stamp
    session[RECORD] = [record.pk, record.session_key]


def staff_member(request: HttpRequest) -> User | None:
    """The signed-in member of staff, or None for a visitor, a party or a journal keeper."""
    user = request.user
    return user if isinstance(user, User) and user.is_staff_member else None


class StaffSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_request.set(request)
        try:
            return self._serve(request)
        finally:
            _current_request.reset(token)

    def _serve(self, request: HttpRequest) -> HttpResponse:
        signed_in = request.session.get(SESSION_KEY) is not None  # read first: a visitor's user is never loaded
        user = staff_member(request) if signed_in else None
        if user is not None:
            ended = _check(request, user)
            if ended is not None:
                return ended
        response = self.get_response(request)
        user = staff_member(request) if request.session.get(SESSION_KEY) is not None else None
        if user is not None:
            _follow_new_key(request, user)  # a password change in this request gave the session a new key
        return response


def _check(request: HttpRequest, user: User) -> HttpResponse | None:
    """Sign the person out when the session has run out or was ended; else note the request."""
    session = request.session
    now = now_stamp()
    signed_in_at = session.setdefault(SIGNED_IN_AT, now)
    seen_at = session.setdefault(SEEN_AT, now)
    if now - signed_in_at >= settings.MEKLE_STAFF_SESSION_MAX_HOURS * 3600:
        return _end(request, user, TOO_LONG)
    if now - seen_at >= settings.MEKLE_STAFF_SESSION_IDLE_MINUTES * 60:
        return _end(request, user, IDLE)
    if not _follow_new_key(request, user):
        return _end(request, user, ENDED)
    if now - seen_at >= WRITE_EVERY.total_seconds():
        session_id, session_key = session[RECORD]
        if not services.note_activity(session_id=session_id, session_key=session_key, now=as_time(now)):
            return _end(request, user, ENDED)
        session[SEEN_AT] = now
    return None


def _follow_new_key(request: HttpRequest, user: User) -> bool:
    """Keep the row under the session's present key (a session from before the rows were kept gets
    one now); False when the row is gone."""
    session = request.session
    record = session.get(RECORD)
    if record is not None and record[1] == session.session_key:
        return True
    if session.session_key is None:
        session.save()
    key = str(session.session_key)
    if record is None:
        row = services.start_session(
            user=user,
            session_key=key,
            ip_address=client_ip(request) or None,
            user_agent=request.headers.get("user-agent", ""),
            now=as_time(session.get(SIGNED_IN_AT, now_stamp())),
        )
        session[RECORD] = [row.pk, key]
        return True
    if not services.follow_new_key(session_id=record[0], old_key=record[1], new_key=key):
        return False
    session[RECORD] = [record[0], key]
    return True


def _end(request: HttpRequest, user: User, reason: str) -> HttpResponse | None:
    if reason == IDLE:
        why = services.idle_for(settings.MEKLE_STAFF_SESSION_IDLE_MINUTES)
    elif reason == TOO_LONG:
        why = services.signed_in_for(settings.MEKLE_STAFF_SESSION_MAX_HOURS)
    else:
        why = ""  # ended elsewhere, and logged there
    if why:
        services.record_expiry(user=user, session_key=request.session.session_key, why=why, request=request)
    logout(request)
    messages.info(request, _signed_out_message(reason))
    if request.path in (resolve_url(settings.LOGIN_URL), resolve_url("logout")):
        return None  # the page the person is going to is the right one already
    return _to_sign_in(request)


def _signed_out_message(reason: str) -> str:
    if reason == IDLE:
        return _("You were signed out because you had not been active for %(minutes)s minutes.") % {
            "minutes": settings.MEKLE_STAFF_SESSION_IDLE_MINUTES
        }
    if reason == TOO_LONG:
        return _("You were signed out because you had been signed in for %(hours)s hours.") % {
            "hours": settings.MEKLE_STAFF_SESSION_MAX_HOURS
        }
    return _("You were signed out because your session was ended. Sign in again to go on.")


def _to_sign_in(request: HttpRequest) -> HttpResponse:
    """The sign-in page, coming back afterwards to the page the person was on: this one for a page,
    the page a form or an htmx request was sent from (a form's address may not be opened again)."""
    if request.method in ("GET", "HEAD") and not request.headers.get("hx-request"):
        back = request.get_full_path()
    else:
        sent_from = request.headers.get("hx-current-url") or request.headers.get("referer") or ""
        safe = url_has_allowed_host_and_scheme(sent_from, {request.get_host()}, require_https=request.is_secure())
        back = urlsplit(sent_from)._replace(scheme="", netloc="").geturl() if safe else ""
    response = redirect_to_login(back) if back else redirect(settings.LOGIN_URL)
    if request.headers.get("hx-request"):
        return HttpResponseClientRedirect(response["Location"])
    return response

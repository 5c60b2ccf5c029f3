"""A refused page (403 or 404) shown to a signed-in person goes into the staff audit log.

Staff whose session has no verified second factor reach only the pages that get them one.

After django-otp's OTPMiddleware (which marks `request.user.is_verified()`): a signed-in member of
staff (signin.rules.needs_second_factor) is sent to the second-factor page, or to enrolment when they
have no factor yet, from every page but the ones below, keeping where they were going in `next`.
Parties, journal keepers and the API (token auth) are never asked.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from mekle.signin import audit, rules, selectors
from mekle.signin.models import StaffAuditKind

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

"""Signing in to the portal with ID-porten (OpenID Connect): the provider's URLs and the failure page."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from mekle.signin import assurance

from ..oidc import FAILURE_SESSION_KEY

STEP_UP_PARAMETER = "step_up"


class AuthenticateView(OIDCAuthenticationRequestView):  # type: ignore[misc]  # mozilla-django-oidc has no type hints
    """Sends the person to ID-porten. `?step_up=1` (the step-up page's button) asks for the level the
    guarded pages need, MEKLE_PORTAL_STEP_UP_ACR, whatever level a plain sign-in asks for."""

    def get_extra_params(self, request: HttpRequest) -> dict[str, str]:
        params = dict(super().get_extra_params(request))
        if request.GET.get(STEP_UP_PARAMETER):
            params["acr_values"] = settings.MEKLE_PORTAL_STEP_UP_ACR
        return params


class CallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]  # mozilla-django-oidc has no type hints
    """The provider's redirect back to us; a party lands on the portal (or the page that asked them to
    step up), not on the staff workspace, and the session keeps the level ID-porten vouched for."""

    @property
    def success_url(self) -> str:
        next_url: str | None = self.request.session.get("oidc_login_next")
        return next_url or settings.MEKLE_OIDC_LOGIN_REDIRECT_URL

    def login_success(self) -> HttpResponse:
        level = assurance.take_verified_level(self.request.session)  # before a sign-in flushes the session
        response: HttpResponse = super().login_success()
        assurance.remember_level(self.request.session, level)
        return response


def only_when_enabled(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer 404 while MEKLE_OIDC_ENABLED is off (checked on every request, so it can be switched in tests)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.MEKLE_OIDC_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def oidc_urlpatterns() -> list[URLPattern]:
    """mozilla-django-oidc's authenticate, callback and logout URLs, each behind the switch."""
    from mozilla_django_oidc import urls

    return [path(str(p.pattern), only_when_enabled(p.callback), name=p.name) for p in urls.urlpatterns]


@require_GET
def sign_in_failed(request: HttpRequest) -> HttpResponse:
    reason = request.session.pop(FAILURE_SESSION_KEY, "")
    return render(request, "portal/oidc_failed.html", {"reason": reason})

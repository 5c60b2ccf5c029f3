"""What every portal page for a signed-in party shares: who may enter, and their own case."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from mekle.access import rules
from mekle.lib.forms import run_and_report, run_service, show_refusal
from mekle.signin import assurance

__all__ = ["ask_to_step_up", "portal_view", "run_and_report", "run_service", "show_refusal", "stepped_up"]


def portal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in as a party or guardian; anyone else is sent to the portal's sign-in page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("portal:sign_in_help"))
        if not rules.can_use_portal(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def stepped_up(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """With ID-porten on, only a session signed in at the step-up level opens the page; any other
    (from an e-mailed link, or a lower level) is asked to step up first. Put it under `portal_view`."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if assurance.step_up_needed(request.session):
            return ask_to_step_up(request, kwargs.get("reference"))
        return view(request, *args, **kwargs)

    return wrapper


def ask_to_step_up(request: HttpRequest, reference: str | None) -> HttpResponse:
    """To the page that explains the step-up and starts ID-porten, which then brings the person back
    to the page asked for. A form sent from such a session changes nothing: after the step-up the
    person comes back to their case."""
    if request.method in ("GET", "HEAD"):
        back = request.get_full_path()
    else:
        back = reverse("portal:case", args=[reference]) if reference else reverse("portal:home")
    return redirect(reverse("portal:step_up") + "?" + urlencode({"next": back}))

"""What every portal page for a signed-in party shares: who may enter, and their own case."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from mekle.access import rules
from mekle.lib.forms import run_and_report, run_service, show_refusal

__all__ = ["portal_view", "run_and_report", "run_service", "show_refusal"]


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

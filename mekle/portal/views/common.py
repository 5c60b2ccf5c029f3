"""What every portal page for a signed-in party shares: who may enter, and their own case."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from mekle.access import rules
from mekle.cases.lifecycle import GuardError

T = TypeVar("T")


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


def show_refusal(form: Any, refusal: GuardError) -> None:
    """A service's refusal, in the user's language, as the form's own errors."""
    for reason in refusal.reasons:
        form.add_error(None, reason)


def run_service(form: Any, service: Callable[..., T], /, **kwargs: Any) -> T | None:
    """Call a service; a guard's refusal becomes the form's errors and nothing changes."""
    try:
        return service(**kwargs)
    except GuardError as refusal:
        show_refusal(form, refusal)
        return None

"""What every workspace view shares: who may enter, and turning a guard's refusal into form errors."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from mekle.access import rules
from mekle.accounts.models import User
from mekle.lib.forms import run_and_report, run_service, show_refusal

__all__ = ["require", "run_and_report", "run_service", "show_refusal", "staff_user", "workspace_view"]


def workspace_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in, and a caseworker or mediator of an office."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not rules.can_use_workspace(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def staff_user(request: HttpRequest) -> User:
    """The signed-in member of staff (the workspace decorator has let only them in)."""
    user = request.user
    assert isinstance(user, User)
    return user

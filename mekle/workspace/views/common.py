"""What every workspace view shares: who may enter, and turning a guard's refusal into form errors."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse

from mekle.access import rules
from mekle.accounts.models import User
from mekle.cases.lifecycle import GuardError

T = TypeVar("T")


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


def run_service(form: Form, service: Callable[..., T], /, **kwargs: Any) -> T | None:
    """Call a service; a guard's refusal becomes the form's errors and nothing changes."""
    try:
        return service(**kwargs)
    except GuardError as refusal:
        for reason in refusal.reasons:
            form.add_error(None, reason)
        return None


def run_and_report(request: HttpRequest, service: Callable[..., Any], /, *, done: str, **kwargs: Any) -> bool:
    """Call a service from a button: say that it worked, or why it did not, as a message."""
    try:
        service(**kwargs)
    except GuardError as refusal:
        for reason in refusal.reasons:
            messages.error(request, reason)
        return False
    messages.success(request, done)
    return True

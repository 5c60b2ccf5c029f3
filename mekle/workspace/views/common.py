"""What every workspace view shares: who may enter, a step's form and page, and turning a guard's
refusal into form errors."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from mekle.access import rules
from mekle.accounts.models import User
from mekle.cases.models import Case
from mekle.lib.forms import run_and_report, run_or_report, run_service, show_refusal

__all__ = [
    "back_to_case",
    "require",
    "run_and_report",
    "run_or_report",
    "run_service",
    "show_refusal",
    "staff_user",
    "step_form",
    "step_page",
    "workspace_view",
]

F = TypeVar("F")


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


def step_form(
    request: HttpRequest,
    case: Case,
    form_class: Callable[..., F],
    /,
    *,
    initial: dict[str, Any] | None = None,
    **form_kwargs: Any,
) -> F:
    """A step's form: bound to what was sent while the case is open, else blank (a closed case's page
    says why, for a POST too, and nothing changes)."""
    if request.method == "POST" and case.is_open:
        return form_class(request.POST, request.FILES, initial=initial, **form_kwargs)
    return form_class(initial=initial, **form_kwargs)


def step_page(request: HttpRequest, case: Case, form: Any, template: str, /, **context: Any) -> HttpResponse:
    """A step's page (its copy is in `template`, which extends ``form_page.html``), with the form as
    sent and its errors (400) when the step did not happen."""
    context = {"nav": "cases", "case": case, "form": form, **context}
    return render(request, template, context, status=400 if form.is_bound else 200)


def back_to_case(request: HttpRequest, case: Case, done: str) -> HttpResponse:
    """After a step: say what happened, on the case's page."""
    messages.success(request, done)
    return redirect("workspace:case_page", reference=case.reference)

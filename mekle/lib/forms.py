"""Forms in both doors: Designsystemet's field markup, and a service's refusal shown as form errors."""

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from django.contrib import messages
from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest

from mekle.lib.errors import Refusal

T = TypeVar("T")


class _TakesErrors(Protocol):
    def add_error(self, field: str | None, error: Any) -> None: ...


def show_refusal(form: _TakesErrors, refusal: Refusal) -> None:
    """A service's refusal, in the user's language, as the form's own errors."""
    for reason in refusal.reasons:
        form.add_error(None, reason)


def run_service(form: _TakesErrors, service: Callable[..., T], /, **kwargs: Any) -> T | None:
    """Call `service(**kwargs)`; a refusal becomes the form's errors, nothing changes, and it returns None."""
    try:
        return service(**kwargs)
    except Refusal as refusal:
        show_refusal(form, refusal)
        return None


def report_refusal(request: HttpRequest, refusal: Refusal) -> None:
    """A service's refusal, in the user's language, as messages on the next page."""
    for reason in refusal.reasons:
        messages.error(request, reason)


def run_or_report(request: HttpRequest, service: Callable[..., T], /, **kwargs: Any) -> T | None:
    """Call a service from a button: its result, or None after saying why not, as a message."""
    try:
        return service(**kwargs)
    except Refusal as refusal:
        report_refusal(request, refusal)
        return None


def run_and_report(request: HttpRequest, service: Callable[..., Any], /, *, done: str, **kwargs: Any) -> bool:
    """Call a service from a button: say that it worked (`done`), or why it did not, as a message."""
    try:
        service(**kwargs)
    except Refusal as refusal:
        report_refusal(request, refusal)
        return False
    messages.success(request, done)
    return True


class DesignsystemetRenderer(TemplatesSetting):
    form_template_name = "components/form.html"
    field_template_name = "components/field.html"


class DesignsystemetForm:
    """Mixin for forms: Designsystemet classes on every input and errors tied to their fields."""

    fields: dict[str, Any]
    errors: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]  # provided by forms.Form
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                described = widget.attrs.get("aria-describedby", "")
                error_id = f"id_{self.add_prefix(name)}_error"  # type: ignore[attr-defined]
                if error_id not in described:
                    widget.attrs["aria-describedby"] = f"{described} {error_id}".strip()

"""Forms in both doors: Designsystemet's field markup, a service's refusal shown as form errors, and
formsets that a changed row count cannot break."""

import re
from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

from django import forms
from django.contrib import messages
from django.core.validators import RegexValidator
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from mekle.lib.errors import Refusal

T = TypeVar("T")

# The control characters no text of Mekle holds: NUL (PostgreSQL refuses it) and the others, but tab,
# line feed and carriage return.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_no_control_characters = RegexValidator(
    CONTROL_CHARACTERS,
    inverse_match=True,
    code="control_character",
    message=_("Remove the invisible control character from the text. It may have come with a copied text."),
)


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


class PageForm(forms.Form):
    """No fields: holds a service's refusal of what several forms of a page sent together, for the
    page's error summary. Bind it to the POST and check it (`is_valid()`) before `run_service`."""


class DesignsystemetRenderer(TemplatesSetting):
    form_template_name = "components/form.html"
    field_template_name = "components/field.html"


class DesignsystemetForm:
    """Mixin for forms: Designsystemet classes on every input and errors tied to their fields; text
    fields refuse control characters, and text boxes say how much they hold.

    Django ties a field's help text and its error to the input (``aria-describedby`` names
    ``id_<name>_helptext`` and ``id_<name>_error``); field.html gives a group of radios or
    checkboxes the same on its fieldset. A form may give `messages`, per field name, the words
    for its errors ("required", "invalid", …) that say what to do."""

    messages: dict[str, dict[str, Any]] = {}

    fields: dict[str, Any]
    errors: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")
            if isinstance(field, forms.CharField):
                field.validators.append(_no_control_characters)
            if isinstance(field.widget, forms.Textarea) and getattr(field, "max_length", None):
                field.help_text = _with_limit(field.help_text, field.max_length)
            _default_messages(field)
        for name, words in self.messages.items():
            if name in self.fields:
                self.fields[name].error_messages.update(words)


def _default_messages(field: forms.Field) -> None:
    """Words that say what to do, where Django's own ("This field is required.") do not; a field's
    own words (given to the field, or in the form's `messages`) win."""
    widget = field.widget
    required: Any = None
    if isinstance(widget, forms.CheckboxSelectMultiple):
        required = _("Choose at least one.")
    elif isinstance(widget, forms.RadioSelect | forms.Select):
        required = _("Choose one of the answers.")
    elif isinstance(widget, forms.CheckboxInput):
        required = _("Tick the box to go on.")
    elif isinstance(field, forms.DateField):
        required = _("Enter the date.")
    elif isinstance(field, forms.EmailField):
        required = _("Enter your e-mail address.")
    words = field.error_messages
    if required is not None and words.get("required") is forms.Field.default_error_messages["required"]:
        words["required"] = required
    if isinstance(field, forms.DateField) and words.get("invalid") is forms.DateField.default_error_messages["invalid"]:
        words["invalid"] = _("Enter the date as day, month and year, for example 17.05.2026.")
    if isinstance(field, forms.EmailField) and "invalid" not in words:
        words["invalid"] = _("Enter an e-mail address like name@example.no.")


def _with_limit(help_text: Any, max_length: int) -> Any:
    """A text box's help text, saying how much it holds (its `maxlength` stops the browser there too)."""
    limit = format_lazy(_("At most {} characters."), max_length)
    return format_lazy("{} {}", help_text, limit) if help_text else limit


def _count(data: Mapping[str, Any], key: str) -> int | None:
    value = str(data.get(key, "")).strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


class KeptAnswerForm(DesignsystemetForm, forms.Form):
    """Was a commitment kept: a yes/no `kept` and an optional `note`, one of several sent together.

    Subclasses declare the two fields with their own labels. `optional`: the commitment may be left
    unanswered (a note without an answer is refused). `summary_prefix` names the commitment in the
    page's error summary.
    """

    def __init__(self, *args: Any, optional: bool = False, summary_prefix: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.summary_prefix = summary_prefix
        if optional:
            self.fields["kept"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kept") in ("", None) and (data.get("note") or "").strip():
            self.add_error("kept", _("Choose an answer, or leave the note empty."))
        return data

    @property
    def answered(self) -> bool:
        """Valid, with an answer (an optional form left empty is valid and answers nothing)."""
        return self.is_valid() and self.cleaned_data.get("kept") not in ("", None)


class BoundedFormSet(forms.BaseFormSet):  # type: ignore[type-arg]  # django-stubs: any form class
    """A formset whose row count, sent back by the browser, is checked before it is believed.

    Django believes the management form's TOTAL_FORMS up to `absolute_max` (by default 1,000 more
    than `max_num`), and shows a technical English message when the count is missing. Here a count
    that is missing, not a number, or above `max_num` is replaced by the rows actually sent (at most
    `max_num`), and the formset gets an error in the user's language, so nothing is saved from it and
    the rows typed so far are shown again. Give ``formset_factory`` `absolute_max=max_num` and
    `validate_max=True` too, so that Django's own checks agree. `too_many` says how many rows there
    may be, in the formset's words.
    """

    too_many: Any = _("There can be at most %(num)d rows.")
    incomplete: Any = _("The form arrived incomplete. Check the rows below and send it again.")

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(data, *args, **kwargs)
        self.count_problem: Any = None
        if self.is_bound:
            self._check_count()

    def _check_count(self) -> None:
        total_key, initial_key = self.add_prefix(TOTAL_FORM_COUNT), self.add_prefix(INITIAL_FORM_COUNT)
        total, initial = _count(self.data, total_key), _count(self.data, initial_key)
        believable = total is not None and total <= self.max_num
        if believable and initial is not None:
            return
        too_many = total is not None and not believable
        self.count_problem = self.too_many % {"num": self.max_num} if too_many else self.incomplete
        rows = total if believable and total is not None else min(rows_sent(self.data, str(self.prefix)), self.max_num)
        repaired = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict or a dict: both copy
        repaired[total_key] = str(rows)
        repaired[initial_key] = str(min(initial or 0, rows))
        self.data = repaired
        self.__dict__.pop("management_form", None)  # cached: forget the one read from the count sent

    def full_clean(self) -> None:
        super().full_clean()
        if self.count_problem is not None:
            self.non_form_errors().append(self.count_problem)


def rows_sent(data: Mapping[str, Any], prefix: str) -> int:
    """How many rows of formset `prefix` the data holds: one more than the highest row number in it."""
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d{{1,9}})-")
    numbers = [int(m.group(1)) for key in data if (m := pattern.match(key))]
    return max(numbers, default=-1) + 1


def add_rows(data: Any, prefix: str, *, count: int, maximum: int) -> bool:
    """Ask formset `prefix` in `data` (a mutable copy of the POST) for `count` more empty rows, never
    beyond `maximum`; False if it already had the most rows allowed."""
    key = f"{prefix}-{TOTAL_FORM_COUNT}"
    current = _count(data, key)
    if current is None or current > maximum:
        current = min(rows_sent(data, prefix), maximum)
    data[key] = str(min(current + count, maximum))
    return current < maximum


def remove_row(data: Any, prefix: str, row: str) -> bool:
    """Mark row `row` (its number as sent by a "Remove" button) of formset `prefix` in `data` (a
    mutable copy of the POST) for deletion; False if there is no such row."""
    if not (row.isascii() and row.isdigit() and len(row) < 4) or int(row) >= rows_sent(data, prefix):
        return False
    data[f"{prefix}-{row}-DELETE"] = "on"
    return True

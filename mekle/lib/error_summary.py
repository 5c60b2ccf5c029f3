"""One error summary per page: every form of the page's context that was sent back with errors, in
one list at the top of the main content, each entry a link to the field it is about.

base.html asks `page_errors` (mekle.lib.templatetags.layout) once: the list decides the title's
"Error: " prefix and the summary; a small script (static/mekle/forms.js) moves the focus to it.
A form or formset whose errors should not be shown yet (a row was added, nothing was checked) sets
`show_errors = False`; a page can also pass `error_forms`, the forms to summarise, in that order.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.text import format_lazy

# Widgets drawn as a group of inputs (a fieldset): a link goes to the first input, id_<name>_0.
GROUP_WIDGETS = ("radioselect", "checkboxselectmultiple")


@dataclass(frozen=True)
class ErrorItem:
    text: Any
    target: str  # the id of the input the link focuses, "" for an error of the whole form


def field_target(bound: forms.BoundField) -> str:
    """The id of the input a link to `bound` should reach (the first one of a radio or checkbox group)."""
    auto_id = bound.auto_id
    if not auto_id:
        return ""
    if bound.widget_type in GROUP_WIDGETS:
        subwidgets = bound.subwidgets
        return str(subwidgets[0].id_for_label) if subwidgets else ""
    return str(bound.id_for_label or auto_id)


def labelled(label: Any, message: Any) -> Any:
    """ "Label: message", without doubling the label's own punctuation ("What is it about? Choose …")."""
    text = str(label or "").strip()
    if not text:
        return message
    if text[-1] in "?!.:":
        return format_lazy("{} {}", text, message)
    return format_lazy("{}: {}", text, message)


def _wants_errors(thing: Any) -> bool:
    return bool(getattr(thing, "is_bound", False)) and getattr(thing, "show_errors", True) is not False


def form_items(form: forms.BaseForm, *, prefix: Any = None) -> Iterator[ErrorItem]:
    if not _wants_errors(form):
        return
    prefix = prefix or getattr(form, "summary_prefix", None)
    for error in form.non_field_errors():
        yield ErrorItem(format_lazy("{}: {}", prefix, error) if prefix else error, "")
    for bound in form:
        if bound.is_hidden:
            for error in bound.errors:
                yield ErrorItem(error, "")
            continue
        label = format_lazy("{}, {}", prefix, bound.label) if prefix else bound.label
        for error in bound.errors:
            yield ErrorItem(labelled(label, error), field_target(bound))


def formset_items(formset: forms.BaseFormSet) -> Iterator[ErrorItem]:  # type: ignore[type-arg]
    if not _wants_errors(formset):
        return
    for error in formset.non_form_errors():
        yield ErrorItem(error, "")
    row_label = getattr(formset, "row_label", None)
    number = 0
    for form in formset.forms:
        if formset.can_delete and formset._should_delete_form(form):  # type: ignore[attr-defined]  # Django's own check
            continue  # a row being removed: its errors do not count
        number += 1
        prefix = row_label % {"number": number} if row_label else None
        yield from form_items(form, prefix=prefix)


def _forms_in(value: Any, depth: int = 0) -> Iterator[Any]:
    """The forms and formsets in a context value: itself, or inside a list, tuple or dict of them."""
    if isinstance(value, (forms.BaseForm, forms.BaseFormSet)):
        yield value
    elif depth < 2 and isinstance(value, (list, tuple)):
        for item in value:
            yield from _forms_in(item, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _forms_in(item, depth + 1)


def collect(values: Iterable[Any]) -> list[ErrorItem]:
    """The errors of every form and formset among `values`, each form once, in order."""
    seen: set[int] = set()
    in_formsets: set[int] = set()
    found: list[Any] = []
    for value in values:
        for thing in _forms_in(value):
            if id(thing) in seen:
                continue
            seen.add(id(thing))
            found.append(thing)
            if isinstance(thing, forms.BaseFormSet) and thing.is_bound:
                in_formsets.update(id(f) for f in thing.forms)
    items: list[ErrorItem] = []
    for thing in found:
        if isinstance(thing, forms.BaseFormSet):
            items.extend(formset_items(thing))
        elif id(thing) not in in_formsets:
            items.extend(form_items(thing))
    return items


def context_values(context: Any) -> list[Any]:
    """The values of a template context, the view's own first (Django's dicts, latest last)."""
    if context.get("show_errors") is False:
        return []
    if "error_forms" in context:
        return list(context["error_forms"] or [])
    values: list[Any] = []
    for layer in context.dicts:
        if isinstance(layer, dict):
            values.extend(layer.values())
    return values

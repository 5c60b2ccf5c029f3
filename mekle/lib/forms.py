"""Render every Django form with Designsystemet's field markup."""

from typing import Any

from django.forms.renderers import TemplatesSetting


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

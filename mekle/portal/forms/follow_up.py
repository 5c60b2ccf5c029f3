"""The complainant's answer in the portal: was what was promised to you done?"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mekle.lib.forms import DesignsystemetForm


class FulfilmentForm(DesignsystemetForm, forms.Form):
    kept = forms.TypedChoiceField(
        label=_("Has this been done?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Anything you want to add (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
    )

    def __init__(self, *args: Any, optional: bool = False, summary_prefix: Any = None, **kwargs: Any) -> None:
        """`optional`: one of several answers sent together, where a commitment may be left unanswered.
        `summary_prefix` names the commitment in the page's error summary."""
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

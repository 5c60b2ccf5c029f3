"""Forms of the staff follow-up pages: was a commitment kept, and how the follow-up ends."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mekle.lib.forms import DesignsystemetForm

KEPT_CHOICES = [("yes", _("Kept")), ("no", _("Not kept"))]


class CommitmentCheckForm(DesignsystemetForm, forms.Form):
    kept = forms.TypedChoiceField(
        label=_("Was it kept?"), choices=KEPT_CHOICES, coerce=lambda v: v == "yes", widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)

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


class ConclusionForm(DesignsystemetForm, forms.Form):
    choice = forms.ChoiceField(label=_("How does the follow-up end?"), widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = choices
        if len(choices) == 1:
            self.fields["choice"].initial = choices[0][0]

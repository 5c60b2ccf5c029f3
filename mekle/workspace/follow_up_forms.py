"""Forms of the staff follow-up pages: was a commitment kept, and how the follow-up ends."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mekle.lib.forms import DesignsystemetForm, KeptAnswerForm

KEPT_CHOICES = [("yes", _("Kept")), ("no", _("Not kept"))]


class CommitmentCheckForm(KeptAnswerForm):
    kept = forms.TypedChoiceField(
        label=_("Was it kept?"), choices=KEPT_CHOICES, coerce=lambda v: v == "yes", widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)


class ConclusionForm(DesignsystemetForm, forms.Form):
    choice = forms.ChoiceField(label=_("How does the follow-up end?"), widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = choices
        if len(choices) == 1:
            self.fields["choice"].initial = choices[0][0]

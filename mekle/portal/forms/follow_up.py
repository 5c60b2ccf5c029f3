"""The complainant's answer in the portal: was what was promised to you done?"""

from django import forms
from django.utils.translation import gettext_lazy as _

from mekle.lib.forms import KeptAnswerForm


class FulfilmentForm(KeptAnswerForm):
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

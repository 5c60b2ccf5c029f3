"""Asking for a new sign-in link by e-mail: one form for the portal and the journal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mekle.lib.forms import DesignsystemetForm

HONEYPOT = "website"


class LinkRequestForm(DesignsystemetForm, forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), widget=forms.EmailInput({"autocomplete": "email"}))
    # Left empty by people, who never see it; filled in by robots that fill in every field.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput({"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def is_robot(self) -> bool:
        """The hidden field was filled in: a robot, most likely. Call after validating."""
        return bool(self.cleaned_data.get(HONEYPOT, "").strip())

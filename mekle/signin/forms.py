"""Input shapes for the second-factor pages: validate and convert, never save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mekle.lib.forms import DesignsystemetForm


class CodeForm(DesignsystemetForm, forms.Form):
    """A code from the authenticator app, or one of the recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}),
    )


class ConfirmAppForm(DesignsystemetForm, forms.Form):
    """The first code the newly added authenticator app shows, which proves it has the secret."""

    code = forms.CharField(
        label=_("Code from the app"),
        max_length=12,
        help_text=_("The six digits the app shows for Mekle."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PasskeyForm(forms.Form):
    """What the passkey script sends: the browser's answer, as JSON, and a name for a new passkey."""

    credential = forms.CharField(max_length=20_000)
    name = forms.CharField(max_length=64, required=False)

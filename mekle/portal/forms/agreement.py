"""What a party fills in to sign their agreement: one explicit statement."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mekle.lib.forms import DesignsystemetForm


class SignForm(DesignsystemetForm, forms.Form):
    agrees = forms.BooleanField(
        label=_("I agree to this of my own free will, and I know that I may withdraw."),
        error_messages={"required": _("Tick the box if you want to sign the agreement.")},
    )

"""The staff sign-in form: Django's, saying so when a lockout refused the attempt.

Input shapes for the second-factor pages: validate and convert, never save.
"""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from mekle.lib.forms import DesignsystemetForm
from mekle.lib.http import client_ip
from mekle.signin import selectors


class SignInForm(AuthenticationForm):
    """`locked` tells the page to say "try again later". It is true for any name under a lockout,
    whether anybody has that name or not, so the page never tells who exists."""

    locked = False
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The user name or password is wrong. Try again."),
        "locked": _("Sign-in is paused after too many failed attempts. Try again later, or ask an administrator."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = _("User name")
        self.fields["password"].label = _("Password")
        self.fields["username"].error_messages["required"] = _("Enter your user name.")
        self.fields["password"].error_messages["required"] = _("Enter your password.")

    def get_invalid_login_error(self) -> forms.ValidationError:
        username = self.cleaned_data.get("username") or ""
        if self.request is not None and selectors.lockout_refusing(
            username=username, ip_address=client_ip(self.request)
        ):
            self.locked = True
            return forms.ValidationError(self.error_messages["locked"], code="locked")
        return super().get_invalid_login_error()


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

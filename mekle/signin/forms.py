"""The staff sign-in form: Django's, saying so when a lockout refused the attempt."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from mekle.lib.http import client_ip
from mekle.signin import selectors


class SignInForm(AuthenticationForm):
    """`locked` tells the page to say "try again later". It is true for any name under a lockout,
    whether anybody has that name or not, so the page never tells who exists."""

    locked = False
    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _("Sign-in is paused after too many failed attempts. Try again later, or ask an administrator."),
    }

    def get_invalid_login_error(self) -> forms.ValidationError:
        username = self.cleaned_data.get("username") or ""
        if self.request is not None and selectors.lockout_refusing(
            username=username, ip_address=client_ip(self.request)
        ):
            self.locked = True
            return forms.ValidationError(self.error_messages["locked"], code="locked")
        return super().get_invalid_login_error()

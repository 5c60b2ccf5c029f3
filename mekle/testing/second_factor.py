"""Staff in tests are signed in with both factors, unless a test is about the second factor itself.

About 150 tests sign staff in with `client.force_login(user)` (or `client.login`); since issue 12
every staff page also wants a verified second factor. `signed_in_with_both_factors` (an autouse
fixture in conftest.py) makes every such sign-in of a member of staff also verify the session with
a TOTP device of theirs, created if missing, exactly as the second-factor page would. Tests of the
second factor itself opt out with `@pytest.mark.password_only`: their sign-ins stop at the password.
"""

from django.test.client import ClientMixin
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from mekle.signin.rules import needs_second_factor
from mekle.signin.selectors import current_code

__all__ = ["app_of", "current_code", "install", "verify_session"]

DEVICE_NAME = "test: signed in with both factors"
_password_only_login = ClientMixin._login  # type: ignore[attr-defined]  # the test client's own sign-in, which both force_login and login call


def app_of(user) -> TOTPDevice:
    """The person's confirmed authenticator app (the first one), made for the test if missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)


def verify_session(client, user) -> None:
    """Mark the client's session verified by the person's app, as the second-factor page does."""
    device = app_of(user)
    device.save()  # a real verification saves the device (its last code), which drops a kept copy
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def _login_with_both_factors(self, user, backend=None):
    _password_only_login(self, user, backend)
    if needs_second_factor(user):
        verify_session(self, user)


def install(monkeypatch) -> None:
    monkeypatch.setattr(ClientMixin, "_login", _login_with_both_factors)

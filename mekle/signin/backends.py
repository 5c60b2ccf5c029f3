"""Sign-in with a user name and password, refused at once while a lockout holds (services.py
counts the failures and makes the lockouts). Never waits: a refusal costs one query."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from mekle.accounts.backends import OfficeAwareModelBackend
from mekle.accounts.models import User
from mekle.lib.http import client_ip
from mekle.signin import selectors


class ThrottledModelBackend(OfficeAwareModelBackend):
    """Django's backend (with the office loaded), behind the lockouts.

    Without a request (Django's test client's ``login()``, a shell) there is no address to count
    against: the password is checked as Django does. Every sign-in page passes its request.
    """

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        refused = (
            request is not None
            and username is not None
            and selectors.lockout_refusing(username=username, ip_address=client_ip(request))
        )
        if refused:
            # Stops every other backend too; Django then sends user_login_failed (receivers.py).
            raise PermissionDenied
        return super().authenticate(request, username, password, **kwargs)

"""Sign-in to the portal through OpenID Connect (ID-porten): the person is their national identity number.

Switched on by MEKLE_OIDC_ENABLED (docs/oidc.md). The provider proves who the person is; Mekle then
finds every party and guardian registered with that number and signs the person in to one portal
account linked to all of them. The number is never logged. The session keeps the verified `acr`
level, which the guarded pages ask for (mekle.signin.assurance).
"""

import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from stdnum.exceptions import ValidationError
from stdnum.no import fodselsnummer

from mekle.accounts.models import User
from mekle.parties.services import link_portal_user_by_national_id
from mekle.signin import assurance

logger = logging.getLogger(__name__)

# Why the last sign-in failed, for the failure page to explain in plain words.
FAILURE_SESSION_KEY = "mekle_oidc_failure"
NO_CASE = "no_case"
LEVEL_TOO_LOW = "level_too_low"


class PortalOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]  # mozilla-django-oidc has no type hints
    """Authenticates a party or guardian by the `pid` claim of a verified id_token, at an accepted `acr` level."""

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        # Only the OIDC callback passes a nonce: a password sign-in never reaches the provider.
        if not settings.MEKLE_OIDC_ENABLED or "nonce" not in kwargs:
            return None
        user: User | None = super().authenticate(request, **kwargs)
        return user

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User | None:
        """`payload` is the id_token, already verified against the provider's keys and our nonce."""
        acr = payload.get("acr")
        if acr not in settings.MEKLE_OIDC_ACR_VALUES:
            logger.warning("OIDC sign-in refused: security level %r is not accepted", acr)
            self._remember_failure(LEVEL_TOO_LOW)
            return None
        try:
            national_id = fodselsnummer.validate(str(payload.get(settings.MEKLE_OIDC_PID_CLAIM, "")))
        except ValidationError:
            logger.warning("OIDC sign-in refused: the %s claim is missing or invalid", settings.MEKLE_OIDC_PID_CLAIM)
            self._remember_failure(NO_CASE)
            return None
        user = link_portal_user_by_national_id(national_id=national_id)
        if user is None:
            self._remember_failure(NO_CASE)
        else:
            assurance.note_verified_level(self.request.session, str(acr))
        return user

    def _remember_failure(self, reason: str) -> None:
        self.request.session[FAILURE_SESSION_KEY] = reason


def context(request: HttpRequest) -> dict[str, bool]:
    """Template context processor: `oidc_enabled`, for the "Sign in with ID-porten" button."""
    return {"oidc_enabled": settings.MEKLE_OIDC_ENABLED}

"""API keys: ``Authorization: Bearer <key>``, checked against its SHA-256, then the per-minute limit.

A call without a valid key is answered by `api.unauthenticated`, which limits it per client address."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from mekle.referrals.models import ApiKey
from mekle.referrals.services import api_keys


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


class ApiKeyAuth(HttpBearer):
    openapi_description = "An API key from Mekle's administrators: `Authorization: Bearer mk_…`."

    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        key = api_keys.authenticate(token)
        if key is None:
            return None
        request.api_key = key  # type: ignore[attr-defined]  # read by the middleware's request log
        wait = api_keys.take_call(key)
        if wait:
            raise RateLimited(wait)
        return key


def api_key_of(request: HttpRequest) -> ApiKey:
    key: Any = request.auth  # type: ignore[attr-defined]  # set by ninja after ApiKeyAuth succeeded
    assert isinstance(key, ApiKey)
    return key

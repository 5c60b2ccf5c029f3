"""Around every API call: the caller's language, the size limit, JSON errors from Django, the request log."""

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from mekle.referrals.services import api_keys

from .errors import error_response

API_PREFIX = "/api/"
_SUPPORTED = ("nb", "nn", "en")


def api_language(request: HttpRequest) -> str:
    """Bokmål unless Accept-Language asks for English or nynorsk."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = code.split("-")[0]
        if base in _SUPPORTED:
            return base
        if base == "no":
            return "nb"
    return "nb"


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        started = time.monotonic()
        language = api_language(request)
        with translation.override(language):
            response = self._respond(request)
        response.headers["Content-Language"] = language
        api_key = getattr(request, "api_key", None)
        # Every call with a valid key; of those without, only an address's first a minute (api.unauthenticated):
        # a flood of bad keys, unknown paths or schema reads writes no row each.
        if api_key is not None or getattr(request, "log_keyless_call", False):
            api_keys.log_request(
                api_key=api_key,
                method=request.method or "",
                path=request.path,
                status=response.status_code,
                duration_ms=int((time.monotonic() - started) * 1000),
            )
        return response

    def _respond(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MEKLE_API_MAX_BODY_BYTES:
            limit = settings.MEKLE_API_MAX_BODY_BYTES // 1024
            return error_response(
                413, "request_too_large", _("The request is larger than %(limit)s KiB.") % {"limit": limit}
            )
        response = self.get_response(request)
        if response.status_code in (404, 405) and not response.get("Content-Type", "").startswith("application/json"):
            return self._as_json(response)
        return response

    def _as_json(self, response: HttpResponse) -> HttpResponse:
        if response.status_code == 405:
            return error_response(
                405,
                "method_not_allowed",
                _("This method is not allowed here."),
                headers={"Allow": response.get("Allow", "")},
            )
        return error_response(404, "not_found", _("Not found."))

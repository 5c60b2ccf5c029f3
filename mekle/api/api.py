"""The NinjaAPI of version 1: authentication, the routers, and every error in one JSON shape."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from mekle.lib.http import client_ip
from mekle.referrals.services import api_keys

from . import outcomes, referrals
from .auth import ApiKeyAuth, RateLimited
from .errors import error_response, field_message

api = NinjaAPI(
    title="Mekle referral API",
    version="1",
    description=(
        "Refer cases to the mediation service and hear their outcomes. Errors have one shape: "
        '`{"error": {"code", "message", "fields": [{"field", "code", "message"}]}}`, in Norwegian '
        "(bokmål) unless `Accept-Language: en` or `nn`."
    ),
    auth=ApiKeyAuth(),
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/referrals", referrals.router)
api.add_router("/outcomes", outcomes.router)


@api.exception_handler(ValidationError)
def validation_failed(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = [field_message(dict(error)) for error in exc.errors]
    if any(f["code"] == "json_invalid" for f in fields):
        return error_response(400, "invalid_json", _("The request body is not valid JSON."), fields)
    return error_response(422, "invalid_request", _("Some fields are not valid."), fields)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    """401, or 429 once the address has sent too many calls without a valid key this minute."""
    call = api_keys.count_call_without_key(address=client_ip(request))
    request.log_keyless_call = call.log  # type: ignore[attr-defined]  # read by the middleware's request log
    if call.wait:
        return rate_limited(request, RateLimited(call.wait))
    return error_response(
        401,
        "invalid_api_key",
        _("Send a valid API key as 'Authorization: Bearer <key>'. The key may be missing, wrong or revoked."),
        headers={"WWW-Authenticate": "Bearer"},
    )


@api.exception_handler(RateLimited)
def rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    return error_response(
        429,
        "rate_limited",
        _("Too many requests. Try again in %(seconds)s seconds.") % {"seconds": exc.retry_after},
        headers={"Retry-After": str(exc.retry_after)},
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:  # ninja could not parse the body (the only 400 it raises)
        return error_response(400, "invalid_json", _("The request body is not valid JSON."))
    return error_response(exc.status_code, "http_error", str(exc))

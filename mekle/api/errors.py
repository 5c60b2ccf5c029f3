"""The one error shape of the API: ``{"error": {"code", "message", "fields": [{"field", "code", "message"}]}}``."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# Pydantic's error types, said in our words (and in the caller's language).
_PYDANTIC_MESSAGES = {
    "missing": gettext_noop("This field is required."),
    "extra_forbidden": gettext_noop("This field is not part of the API."),
    "string_too_long": gettext_noop("The text is too long."),
    "string_too_short": gettext_noop("This field cannot be empty."),
    "date_from_datetime_parsing": gettext_noop("Give a date as YYYY-MM-DD."),
    "date_parsing": gettext_noop("Give a date as YYYY-MM-DD."),
    "date_type": gettext_noop("Give a date as YYYY-MM-DD."),
    "datetime_parsing": gettext_noop("Give a date and time in ISO 8601."),
    "enum": gettext_noop("This is not one of the allowed values."),
    "literal_error": gettext_noop("This is not one of the allowed values."),
    "list_type": gettext_noop("Give a list."),
    "too_short": gettext_noop("Give at least one."),
    "too_long": gettext_noop("The list is too long."),
    "json_invalid": gettext_noop("The request body is not valid JSON."),
}


def error_response(
    status: int, code: str, message: str, fields: Iterable[dict[str, str]] = (), headers: dict[str, str] | None = None
) -> HttpResponse:
    body = {"error": {"code": code, "message": message, "fields": list(fields)}}
    return JsonResponse(body, status=status, headers=headers)


def unknown_query_parameters(request: HttpRequest, allowed: Iterable[str] = ()) -> HttpResponse | None:
    """422 naming the query parameters the operation does not have, as the bodies refuse unknown fields."""
    unknown = sorted(set(request.GET) - set(allowed))[:10]
    if not unknown:
        return None
    message = _(_PYDANTIC_MESSAGES["extra_forbidden"])
    fields = [{"field": name[:100], "code": "extra_forbidden", "message": message} for name in unknown]
    return error_response(422, "invalid_request", _("Some fields are not valid."), fields)


def field_path(loc: Sequence[Any]) -> str:
    """``("body", "payload", "parties", 0, "national_id")`` → ``parties[0].national_id``."""
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[2:]
    elif parts and parts[0] in {"query", "path", "header"}:
        parts = parts[1:]
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def field_message(error: dict[str, Any]) -> dict[str, str]:
    kind = str(error.get("type", "invalid"))
    if kind in _PYDANTIC_MESSAGES:
        message = _(_PYDANTIC_MESSAGES[kind])
    elif kind.startswith(("string_", "int_", "bool_", "float_", "model_", "dict_")):
        message = _("This value has the wrong type.")
    else:
        message = str(error.get("msg", "")) or _("This value is not valid.")
    return {"field": field_path(error.get("loc", ())), "code": kind, "message": message}

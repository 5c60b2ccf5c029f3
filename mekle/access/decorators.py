"""The door decorator that writes every read of a case or a person to the access log."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse

from .services import log_access


def logs_access(what: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Log a successful GET of the decorated view: who, which page, which case and person, when.

    Refused requests (404/403) are not reads and leave no row.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            if request.method == "GET" and response.status_code == 200:
                detail = request.GET.urlencode() if what.endswith("_list") else ""
                log_access(
                    user=request.user,
                    what=what,
                    path=request.path,
                    case_reference=str(kwargs.get("reference", "")),
                    object_id=str(kwargs.get("party_id", "")),
                    detail=detail,
                )
            return response

        return wrapper

    return decorator

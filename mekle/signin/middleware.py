"""A refused page (403 or 404) shown to a signed-in person goes into the staff audit log."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from mekle.signin import audit
from mekle.signin.models import StaffAuditKind

REFUSALS = {403, 404}


class RefusedAccessMiddleware:
    """After AuthenticationMiddleware. Visitors who are not signed in are not logged: a 404 for
    anybody at all would fill the log with the internet's scanners."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code in REFUSALS:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                audit.record(
                    StaffAuditKind.ACCESS_REFUSED,
                    request=request,
                    user=user,
                    detail=f"{request.method} {response.status_code}",
                )
        return response

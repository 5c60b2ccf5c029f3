"""Language, security headers, and input no page can take.

Language: bokmål unless the person has chosen another language with the switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, so someone with an English
browser would never meet the Norwegian interface. Mekle is a Norwegian public service: it speaks
bokmål first and remembers an explicit choice (the language cookie set by ``set_language``).
"""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy

from .forms import CONTROL_CHARACTERS
from .uploads import limit_uploads


def chosen_language(request: HttpRequest) -> str:
    """The language the person chose with the switch, else bokmål."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in {code for code, _name in settings.LANGUAGES} else settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


# Powerful browser features no page of Mekle uses, switched off for every page and any frame in it
# (passkeys, publickey-credentials-*, stay allowed: staff sign in with them).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks a view whose page shows no case, person or record, so the browser may keep it.

    Only for someone not signed in: the header of every page names the signed-in person.
    """

    @wraps(view)
    def marked(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.mekle_public = True  # type: ignore[attr-defined]
        return response

    return marked


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return user is not None and bool(user.is_authenticated)


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response, and `Cache-Control: private, no-store` on all but public pages.

    No-store is the rule, and `public_page` the exception, so that a new page showing a case, a
    person or a record (a PDF, a download, an API answer) is never kept in a browser's or a proxy's
    cache. Static files never come here: WhiteNoise, above this middleware, answers them.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if not getattr(response, "mekle_public", False) or _signed_in(request):
            patch_cache_control(response, private=True, no_store=True)
        else:  # the browser may keep it (back and forward are instant); a shared cache may not (its CSRF cookie)
            patch_cache_control(response, private=True)
        return response


_API_PREFIX = "/api/"  # mekle.api.middleware.API_PREFIX, which this layer may not import
_API_MESSAGES = {
    "characters": gettext_lazy("The request contains a character that is not allowed."),
    "too_large": gettext_lazy("The request is too large."),
    "bad": gettext_lazy("The request is not valid."),
}


def _pairs(data: Any) -> Iterable[str]:
    for key, values in data.lists():
        yield key
        yield from (value for value in values if isinstance(value, str))


class InputGuardMiddleware:
    """What no page of Mekle can take is refused before any view or query sees it.

    - A control character (NUL above all) in the path or the query: a 400 page in the person's
      language (JSON for the API), never a 500 from the database.
    - A NUL in a form field: the same. Other control characters reach the form, whose text fields
      say so (``DesignsystemetForm``), because a paste from a word processor can carry them. (The
      API's JSON bodies are the API's to check.)
    - A cookie holding one is dropped rather than refused: the browser would send it again and again.
    - Files: at most what the view accepts (``mekle.lib.uploads``), counted before they are stored.

    It sits above the session middleware (which reads the session cookie) and above the CSRF
    middleware (which reads the form, so the upload limit must be in place first).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name, value in list(request.COOKIES.items()):
            if CONTROL_CHARACTERS.search(name + value):
                del request.COOKIES[name]
        if CONTROL_CHARACTERS.search(request.path) or any(
            CONTROL_CHARACTERS.search(text) for text in _pairs(request.GET)
        ):
            return refused(request, "characters")
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: object, kwargs: object
    ) -> HttpResponse | None:
        limit_uploads(request, view)
        if getattr(view, "csrf_exempt", False) or request.method in ("GET", "HEAD", "OPTIONS"):
            return None  # the API reads its own body; the CSRF check reads this form next
        if any("\x00" in text for text in _pairs(request.POST)):
            return refused(request, "characters")
        return None


def refused(request: HttpRequest, reason: str) -> HttpResponse:
    """The page for a request Mekle cannot take: `reason` "characters", "too_large" or anything else."""
    status = 413 if reason == "too_large" else 400
    with translation.override(chosen_language(request)):
        if request.path.startswith(_API_PREFIX):  # in the API's error shape (mekle/api/errors.py)
            message = _API_MESSAGES.get(reason, _API_MESSAGES["bad"])
            return JsonResponse({"error": {"code": reason, "message": str(message), "fields": []}}, status=status)
        max_bytes = getattr(request, "upload_max_bytes", 0)
        context = {"reason": reason, "max_megabytes": max_bytes // 1_000_000}
        return render(request, "errors/400.html", context, status=status)

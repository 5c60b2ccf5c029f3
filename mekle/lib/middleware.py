"""Language and security headers.

Language: bokmål unless the person has chosen another language with the switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, so someone with an English
browser would never meet the Norwegian interface. Mekle is a Norwegian public service: it speaks
bokmål first and remembers an explicit choice (the language cookie set by ``set_language``).
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
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

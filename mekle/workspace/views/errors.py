"""Error pages in the user's language, never a stack trace."""

import logging

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from mekle.lib.middleware import refused


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


# What a server error shows if even its page cannot be made (no static files' manifest, say).
PLAIN_SERVER_ERROR = (
    '<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Feil – Mekle</title></head>'
    "<body><main><h1>Noe gikk galt</h1><p>Vi klarte ikke å vise siden. Prøv igjen om litt.</p>"
    '<p lang="en">Something went wrong. Please try again in a moment.</p></main></body></html>'
)


def server_error(request: HttpRequest) -> HttpResponse:
    """In the user's language (the middleware chose it), without the request's context: the error may
    be the database's, and the signed-in user and the menu come from there."""
    try:
        return HttpResponseServerError(loader.render_to_string("errors/500.html"))
    except Exception:
        logging.getLogger(__name__).exception("The server error page could not be rendered")
        return HttpResponseServerError(PLAIN_SERVER_ERROR)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent from an old page (or after signing out): explain, and offer a way back."""
    return render(request, "errors/csrf.html", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A request Django cannot take: too large (Django's body and field limits, or a view's upload
    limit), or otherwise not valid."""
    too_large = isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent)
    return refused(request, "too_large" if too_large else "bad")

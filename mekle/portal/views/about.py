"""The statutory pages, public and linked from every page's footer: the accessibility statement
(in the shape uustatus.no asks for), the privacy statement and how to reach each office."""

import datetime as dt

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from mekle.accounts.selectors import offices_to_contact
from mekle.lib.middleware import public_page

# When the accessibility statement was last checked against the pages; change it with the statement.
ACCESSIBILITY_REVIEWED = dt.date(2026, 12, 3)
UU_TILSYNET_URL = "https://www.uutilsynet.no/"
DATATILSYNET_URL = "https://www.datatilsynet.no/"


@public_page
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    context = {
        "offices": offices_to_contact(),
        "reviewed": ACCESSIBILITY_REVIEWED,
        "uu_tilsynet_url": UU_TILSYNET_URL,
        "nav": "about",
    }
    return render(request, "portal/about/accessibility.html", context)


@public_page
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    """The cookies are named as this set-up names them (`__Host-` in front with HTTPS)."""
    context = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "language_cookie": settings.LANGUAGE_COOKIE_NAME,
        "messages_cookie": CookieStorage.cookie_name,
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "idle_minutes": settings.MEKLE_PORTAL_IDLE_MINUTES,
        "datatilsynet_url": DATATILSYNET_URL,
        "nav": "about",
    }
    return render(request, "portal/about/privacy.html", context)


@public_page
@require_GET
def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/about/contact.html", {"offices": offices_to_contact(), "nav": "about"})

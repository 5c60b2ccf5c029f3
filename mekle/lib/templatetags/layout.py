"""The page layout's menu and language choices (base.html), made once per language and kept.

Every page shows them, and the template engine spends tens of microseconds on each tag, URL and
translation in them; what they show depends only on the language, the page's menu item and the
person's role, so the HTML is made in Python and kept per process.
"""

from functools import lru_cache
from typing import Any

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def main_menu(user: Any, nav: str = "") -> SafeString:
    """The staff menu; nothing for someone signed out, a party or a journal keeper."""
    if not user.is_authenticated or user.is_party or user.is_journal_keeper:
        return SafeString("")
    return _main_menu(get_language(), nav or "", user.is_caseworker, user.is_staff)


@lru_cache(maxsize=64)
def _main_menu(language: str | None, nav: str, caseworker: bool, staff: bool) -> SafeString:
    items = [(reverse("workspace:case_list"), _("Cases"), nav == "cases")]
    items.append((reverse("workspace:needs_attention"), _("Needs attention"), nav == "attention"))
    if caseworker:
        items.append((reverse("workspace:referral_new"), _("Register referral"), nav == "referral"))
    if staff:
        items.append((reverse("admin:index"), _("Administration"), False))
    links = format_html_join(
        "\n          ",
        '<li><a class="ds-link" href="{}"{}>{}</a></li>',
        ((url, SafeString(' aria-current="page"') if current else "", label) for url, label, current in items),
    )
    return format_html(
        '<nav aria-label="{}" class="mekle-nav">\n        <ul>\n          {}\n        </ul>\n      </nav>',
        _("Main menu"),
        links,
    )


@register.simple_tag
def language_options() -> SafeString:
    """The language switch's options, each named in its own language, the current one selected."""
    return _language_options(get_language())


@lru_cache(maxsize=8)
def _language_options(current: str | None) -> SafeString:
    return format_html_join(
        "\n            ",
        '<option value="{}" lang="{}"{}>{}</option>',
        (
            (
                code,
                code,
                SafeString(" selected") if code == current else "",
                capfirst(get_language_info(code)["name_local"]),
            )
            for code, _name in settings.LANGUAGES
        ),
    )

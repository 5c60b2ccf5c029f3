"""The page layout's menu and language choices (base.html), rendered from layout/*.html, and the
Norwegian names marked as such on English pages."""

import re
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()


def _verified_staff(user: Any) -> bool:
    """Signed in as staff with both factors (before the second factor, the staff links lead nowhere)."""
    if not user.is_authenticated or user.is_party or user.is_journal_keeper:
        return False
    is_verified = getattr(user, "is_verified", None)  # django-otp's, set by its middleware
    return is_verified is None or bool(is_verified())


@register.simple_tag
def main_menu(user: Any, nav: str = "") -> SafeString:
    """The staff menu; nothing for someone signed out, a party, a journal keeper, or staff who have
    not yet confirmed the sign-in with their second factor."""
    if not _verified_staff(user):
        return SafeString("")
    context = {"nav": nav or "", "caseworker": user.is_caseworker, "staff": user.is_staff}
    return SafeString(render_to_string("layout/_main_menu.html", context))


@register.simple_tag
def personal_links(user: Any, nav: str = "") -> SafeString:
    """A member of staff's own sessions and sign-in factors, beside their name."""
    if not _verified_staff(user):
        return SafeString("")
    context = {
        "nav": nav or "",
        "sessions": user.is_staff_member,
        # Anyone with a staff role or the admin confirms sign-ins with factors of their own (mekle.signin.rules).
        "factors": bool(user.role) or user.is_staff or user.is_superuser,
    }
    return SafeString(render_to_string("layout/_personal_links.html", context))


@register.simple_tag
def language_options() -> SafeString:
    """The language switch's options, each named in its own language, the current one selected."""
    return SafeString(render_to_string("layout/_language_options.html"))


# Norwegian names that English pages keep as they are (WCAG 3.1.2): each gets lang="nb".
NORWEGIAN_NAMES = re.compile(
    r"(?<![\w-])(Vold- og overgrepslinjen|[Kk]onfliktråd\w*|[Ff]amilievernkontor\w*|[Mm]eklingsattest\w*|[Bb]arnevern\w*)(?!\w)"
)
TAG = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"<(/?)([A-Za-z][\w-]*)")
# Text that must stay plain: what a form sends back, and what is no page text.
PLAIN_ELEMENTS = {"textarea", "option", "script", "style", "title"}


@register.filter(is_safe=True)
def mark_norwegian(html: str) -> SafeString:
    """On an English page, the rendered HTML with each Norwegian name in its text (never in a tag,
    an attribute, a text box or a select's option) wrapped in <span lang="nb">."""
    if get_language() != "en":
        return SafeString(html)
    out: list[str] = []
    plain: str | None = None
    for part in TAG.split(str(html)):
        if part.startswith("<"):
            if match := TAG_NAME.match(part):
                closing, name = match.group(1), match.group(2).lower()
                if plain is None and not closing and name in PLAIN_ELEMENTS:
                    plain = name
                elif closing and name == plain:
                    plain = None
            out.append(part)
        elif plain is None and part:
            out.append(NORWEGIAN_NAMES.sub(r'<span lang="nb">\1</span>', part))
        else:
            out.append(part)
    return SafeString("".join(out))


@register.simple_tag(takes_context=True)
def page_errors(context: Any) -> list[Any]:
    """The errors of the page's forms, for the title's prefix and the one error summary (base.html)."""
    from mekle.lib.error_summary import collect, context_values

    return collect(context_values(context))

"""The plain-language information a party reads before consenting, and its version.

Bump `INFORMATION_VERSION` whenever the text in ``portal/_information.html`` changes in substance:
each consent given in the portal records the version (and language) the person read.
"""

from django.utils.translation import get_language

INFORMATION_VERSION = "2026-11-1"


def information_read() -> str:
    """What a portal consent records: the information version and the language it was read in."""
    return f"portal-information/{INFORMATION_VERSION}/{get_language()}"

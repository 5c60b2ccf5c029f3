"""Password validators beside Django's (settings.AUTH_PASSWORD_VALIDATORS): the patterns Norwegians
pick (a season or a month with a year, ``Passord123``, the service's own name, a keyboard walk) and
the person's own name or user name inside the password.

A pattern is refused when it is the whole of a password's letters: ``Sommer2026!!`` is the season
``sommer`` with digits and signs around it, while a passphrase that only contains a season word
(``sommerfugl-i-vinden``) is not refused here.
"""

import re
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SEASONS = {"vinter", "var", "vaar", "sommer", "host", "haust", "winter", "spring", "summer", "autumn", "fall"}
MONTHS = {
    "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
    "november", "desember", "january", "february", "march", "may", "june", "july", "october", "december",
}  # fmt: skip
PASSWORD_WORDS = {"passord", "password", "passwort", "pass", "hemmelig", "hemmeleg", "velkommen", "welcome"}
SERVICE_NAMES = {"mekle", "mekling", "megling", "konfliktradet", "konfliktraadet", "konfliktrad", "konfliktraad"}
KEYBOARD_ROWS = ("qwertyuiopa", "asdfghjkloae", "zxcvbnm", "1234567890", "qwertzuiop", "azertyuiop")
COMMON_WORDS = SEASONS | MONTHS | PASSWORD_WORDS | SERVICE_NAMES
# One or more common words in a row, as in "PassordPassord" or "VinterSommer".
_COMMON_WORDS_IN_A_ROW = re.compile("(?:" + "|".join(sorted(COMMON_WORDS, key=len, reverse=True)) + ")+")

# Letters that stand in for others: 0 for o, 1 for i, 3 for e, 4 and @ for a, 5 and $ for s.
_STAND_INS = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "@": "a", "5": "s", "$": "s", "!": "i"})


def _folded(text: str) -> str:
    """Lower case, Norwegian letters spelled plainly (å → a, ø → o, æ → ae) and accents dropped."""
    text = text.casefold().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_WALKS = tuple(row for forward in KEYBOARD_ROWS for row in (forward, forward[::-1]))


def _is_keyboard_walk(letters: str) -> bool:
    if len(letters) < 4:
        return False
    return any(letters in row for row in _WALKS)


def _without_walks(text: str) -> str:
    """What is left of `text` when every run of four or more keys in a row is taken out."""
    left, start = [], 0
    while start < len(text):
        end = start + 4
        while end <= len(text) and _is_keyboard_walk(text[start:end]):
            end += 1
        if end - 1 - start >= 4:
            start = end - 1
        else:
            left.append(text[start])
            start += 1
    return "".join(left)


def _core(password: str) -> str:
    """The letters of the password with digits and signs stripped from both ends."""
    return re.sub(r"^[^a-z]+|[^a-z]+$", "", _folded(password))


def is_common_pattern(password: str) -> bool:
    folded = _folded(password)
    digits_and_signs = re.sub(r"[a-z]", "", folded)
    core = _core(password)
    for candidate in {core, core.translate(_STAND_INS)} - {""}:
        # One or more common words in a row, as in "PassordPassord" or "vinterVinter".
        if _COMMON_WORDS_IN_A_ROW.fullmatch(candidate) or _is_keyboard_walk(candidate):
            return True
    letters_and_digits = re.sub(r"[^a-z0-9]", "", folded)
    # Keyboard walks with little else ("1234567890ab", "asdf1234qwer"), or digits and signs alone
    # of one or two kinds ("111111111111", "121212121212").
    return (not core and len(set(digits_and_signs)) <= 2) or len(_without_walks(letters_and_digits)) < 4


class NorwegianPatternValidator:
    """Refuses the common patterns Django's list misses in Norwegian."""

    def validate(self, password: str, user: Any = None) -> None:
        if is_common_pattern(password):
            raise ValidationError(
                _(
                    "This password follows a pattern that is easy to guess (a season, a month or the service's name with a year, “Passord…”, a row of the keyboard)."
                ),
                code="password_common_pattern",
            )

    def get_help_text(self) -> str:
        return _(
            "Your password cannot be a season, a month, “Passord” or the service's name with digits, or a row of the keyboard."
        )


class NameInPasswordValidator:
    """Refuses a password that has the person's user name, first name or last name in it."""

    minimum = 3

    def validate(self, password: str, user: Any = None) -> None:
        if user is None:
            return
        folded = _folded(password)
        names = [getattr(user, field, "") or "" for field in ("username", "first_name", "last_name")]
        parts = {_folded(name) for name in names} | {
            _folded(part) for name in names for part in re.split(r"[\s._@+-]+", name)
        }
        if any(len(part) >= self.minimum and part in folded for part in parts):
            raise ValidationError(
                _("Your password cannot contain your name or user name."), code="password_contains_name"
            )

    def get_help_text(self) -> str:
        return _("Your password cannot contain your name or user name.")

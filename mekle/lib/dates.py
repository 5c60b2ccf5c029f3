"""Dates and moments printed as Django's `date` filter prints them, for the hot pages.

Django's `DateFormat` parses the format string again for every value and translates each month
name again (a lazy string), and a 25-row list prints 50 dates, a 50-event timeline 50 moments and
the dates in its descriptions. Here a format string is compiled once into literal pieces and
printers, and month names are translated once per language. Anything without a printer here (such
as English's ``P``) is left to Django. docs/performance.md has the figures.

Also a date some years on (`years_after`), for the bounds the apps' date rules set.
"""

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from django.utils import dateformat, dates, formats, timezone
from django.utils.translation import get_language, override


@functools.cache
def _month_names(language: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Full and AP-style month names (index 1–12) in `language`: translations do not change at run time."""
    with override(language):
        return (
            ("", *(str(dates.MONTHS[m]) for m in range(1, 13))),
            ("", *(str(dates.MONTHS_AP[m]) for m in range(1, 13))),
        )


# The format characters a date in Mekle's languages uses, as Django's `DateFormat` prints them.
# Each printer takes the value and the month names of the active language.
_Printer = Callable[[Any, tuple[tuple[str, ...], tuple[str, ...]]], str]
_PRINTERS: dict[str, _Printer] = {
    "F": lambda v, names: names[0][v.month],
    "N": lambda v, names: names[1][v.month],
    "d": lambda v, names: f"{v.day:02d}",
    "j": lambda v, names: str(v.day),
    "m": lambda v, names: f"{v.month:02d}",
    "n": lambda v, names: str(v.month),
    "Y": lambda v, names: f"{v.year:04d}",
    "y": lambda v, names: f"{v.year % 100:02d}",
    "H": lambda v, names: f"{v.hour:02d}",
    "G": lambda v, names: str(v.hour),
    "i": lambda v, names: f"{v.minute:02d}",
    "s": lambda v, names: f"{v.second:02d}",
}


@functools.cache
def _compiled_format(format_string: str) -> tuple[str | _Printer, ...] | None:
    """`format_string` as literal pieces and printers, or None if it uses a character without one."""
    pieces: list[str | _Printer] = []
    for i, piece in enumerate(dateformat.re_formatchars.split(format_string)):
        if i % 2 == 0:
            if piece:
                pieces.append(dateformat.re_escaped.sub(r"\1", piece))
        elif piece in _PRINTERS:
            pieces.append(_PRINTERS[piece])
        else:
            return None
    return tuple(pieces)


def formatted(value: dt.date | dt.datetime, format_name: str) -> str:
    """As Django's `date` filter: a moment in the current time zone, in the active language's format."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    printers = _compiled_format(formats.get_format(format_name))
    if printers is None:
        return formats.date_format(value, format_name)
    names = _month_names(get_language())
    return "".join(piece if isinstance(piece, str) else piece(value, names) for piece in printers)


def isoformat(value: dt.datetime) -> str:
    """As Django's ``date:'c'``: the moment in the current time zone."""
    return timezone.localtime(value).isoformat()


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def years_before(day: dt.date, years: int) -> dt.date:
    return years_after(day, -years)

"""The Jinja2 environment for the hot fragments: the case list's rows and the timeline's entries.

Django's template engine costs microseconds for every variable, filter and tag, and a 25-row list
or a 50-event timeline has hundreds of them; Jinja2 compiles templates to Python. Every printed
value is escaped as Django escapes it (``html.escape``, safe strings left as they are), so the HTML is the same.
"""

import datetime as dt
import functools
import html
from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils import dateformat, dates, formats, timezone
from django.utils.translation import gettext
from jinja2 import Environment

# The format characters a date in Mekle's languages uses, as Django's `DateFormat` prints them.
_PRINTERS: dict[str, Callable[[Any], str]] = {
    "F": lambda v: str(dates.MONTHS[v.month]),
    "N": lambda v: str(dates.MONTHS_AP[v.month]),
    "d": lambda v: f"{v.day:02d}",
    "j": lambda v: str(v.day),
    "m": lambda v: f"{v.month:02d}",
    "n": lambda v: str(v.month),
    "Y": lambda v: f"{v.year:04d}",
    "y": lambda v: f"{v.year % 100:02d}",
    "H": lambda v: f"{v.hour:02d}",
    "G": lambda v: str(v.hour),
    "i": lambda v: f"{v.minute:02d}",
    "s": lambda v: f"{v.second:02d}",
}


@functools.cache
def _compiled_format(format_string: str) -> tuple[str | Callable[[Any], str], ...] | None:
    """`format_string` as literal pieces and printers, or None if it uses a character without one
    (then Django formats the value). Django's `DateFormat` parses the format string again for every
    value, and a 25-row list prints 50 dates, a timeline 50 moments (docs/performance.md)."""
    pieces: list[str | Callable[[Any], str]] = []
    for i, piece in enumerate(dateformat.re_formatchars.split(format_string)):
        if i % 2 == 0:
            if piece:
                pieces.append(dateformat.re_escaped.sub(r"\1", piece))
        elif piece in _PRINTERS:
            pieces.append(_PRINTERS[piece])
        else:
            return None
    return tuple(pieces)


def date(value: dt.date | dt.datetime, format_name: str) -> str:
    """As Django's `date` filter: a moment in the current time zone, in the active language's format."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    printers = _compiled_format(formats.get_format(format_name))
    if printers is None:
        return formats.date_format(value, format_name)
    return "".join(piece if isinstance(piece, str) else piece(value) for piece in printers)


def isoformat(value: dt.datetime) -> str:
    """As Django's ``date:'c'``: the moment in the current time zone."""
    return timezone.localtime(value).isoformat()


def escape(value: Any) -> str:
    """As Django's ``conditional_escape``, without its lazy-string wrapping: safe strings as they are."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def environment(**options: Any) -> Environment:
    options["autoescape"] = False  # escaped by `finalize` instead, exactly as Django escapes
    env = Environment(finalize=escape, **options)
    env.globals.update({"_": gettext, "url": lambda name, *args: reverse(name, args=args)})
    env.filters.update({"date": date, "isoformat": isoformat})
    return env

"""The one place Mekle asks what time it is.

Tests freeze time with time-machine. `travelled_to` moves Mekle's clock alone, for building demo
data with a realistic history (a case received six weeks ago, its meeting last Tuesday).
"""

import contextlib
import datetime as dt
from collections.abc import Iterator
from contextvars import ContextVar

from django.utils import timezone

_offset: ContextVar[dt.timedelta] = ContextVar("clock_offset", default=dt.timedelta(0))


def now() -> dt.datetime:
    return timezone.now() + _offset.get()


def today() -> dt.date:
    return timezone.localdate(now())


@contextlib.contextmanager
def travelled_to(moment: dt.datetime) -> Iterator[None]:
    token = _offset.set(moment - timezone.now())
    try:
        yield
    finally:
        _offset.reset(token)

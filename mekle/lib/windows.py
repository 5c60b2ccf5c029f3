"""Counting events in fixed windows of time in the cache, for limits that must cost no database write.

``cache.add`` then ``cache.incr`` is atomic in Redis (SET NX, INCRBY), so every process and machine
sharing it counts together; in the local-memory cache both run under the cache's lock, so the
threads of one process count together and each process counts on its own.
"""

import math
from dataclasses import dataclass

from django.core.cache import cache

from mekle.lib import clock


@dataclass(frozen=True)
class Count:
    """The `count`-th event of its window (1 for the first), which ends in `seconds_left` seconds."""

    count: int
    seconds_left: int


def count_in_window(name: str, *, seconds: int) -> Count:
    """Count one event under `name` in the current window of `seconds`."""
    now = clock.now().timestamp()
    window = int(now // seconds)
    key = f"window:{name}:{window}"
    cache.add(key, 0, timeout=seconds * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: start again from this event
        cache.set(key, 1, timeout=seconds * 2)
        count = 1
    return Count(count=count, seconds_left=max(1, math.ceil((window + 1) * seconds - now)))

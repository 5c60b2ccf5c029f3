"""Tests whose threads each open their own database connection, as a threaded web server's do.

PostgreSQL: the threads share the test database (the test must be transactional). SQLite: the
in-memory test database that connections share locks whole tables (SQLITE_LOCKED, which no busy
timeout waits for, and which no deployment sees), so `database_for_threads` gives the threads a
database file of their own, built from the models, with the production settings (WAL, IMMEDIATE
transactions, a busy timeout). The test's own thread keeps the in-memory one: do the set-up and the
reads through `in_thread` too.
"""

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from django.core.management import call_command
from django.db import connection, connections

T = TypeVar("T")


def in_thread(function: Callable[[], T]) -> T:
    """`function()` in a thread of its own, with its own connection, closed afterwards."""

    def run() -> T:
        try:
            return function()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def at_once(function: Callable[[], T], times: int, threads: int = 16) -> list[T]:
    """`function()` `times` times from `threads` threads at once, each call with its own connection.

    Bounded as a threaded server's pool is: a thread a call would take more connections than a shared
    PostgreSQL allows (`max_connections`, 100 by default).
    """

    def run(_: int) -> T:
        try:
            return function()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(run, range(times)))


@contextmanager
def database_for_threads(directory: Path) -> Iterator[None]:
    """Within: connections opened by new threads reach a database that they can all write at once."""
    if connection.vendor != "sqlite":
        yield
        return
    settings_dict = connections.settings["default"]  # the dict every thread's connection is made from
    in_memory = settings_dict["NAME"]
    settings_dict["NAME"] = str(directory / "threads.sqlite3")
    try:
        in_thread(lambda: call_command("migrate", run_syncdb=True, verbosity=0))
        yield
    finally:
        settings_dict["NAME"] = in_memory

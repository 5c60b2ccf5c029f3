"""How many cases a caseworker's list finds, kept in the shared cache until the office's next event.

Counting is the case list's costliest read: the database visits every matching case (thousands
at a large office) to print one number. Every change to a case records a case event, and each
event moves its office's generation on once its transaction has committed; a count is kept under
the generation it was made in, so the first list after any change counts again. A count also
expires after a minute, for a change made outside Mekle's services (the admin, a data fix).
Mediators' lists are short and span offices, so they are always counted.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet

from mekle.accounts.models import Role
from mekle.accounts.types import Actor
from mekle.cases.models import Case
from mekle.lib import clock

from .case_list import CaseFilters

COUNT_SECONDS = 60


def generation_key(office_id: int) -> str:
    return f"access:cases-generation:{office_id}"


def count_cases(user: Actor, filters: CaseFilters, cases: QuerySet[Case]) -> int:
    """``cases.count()`` for `cases` = ``case_list(user, filters)``, from the cache where it can be."""
    if not (settings.MEKLE_SHARED_CACHE and user.is_authenticated and user.role == Role.CASEWORKER and user.office_id):
        return cases.count()
    generation = cache.get(generation_key(user.office_id), 0)
    asked = repr((filters.status, filters.case_type, filters.office_id, filters.mediator_id, filters.overdue))
    asked += repr((filters.open_only, filters.query, clock.today().isoformat()))  # "overdue" depends on the day
    digest = hashlib.sha256(asked.encode()).hexdigest()[:32]
    key = f"access:case-count:{user.office_id}:{generation}:{digest}"
    count: int | None = cache.get(key)
    if count is None:
        count = cases.count()
        cache.set(key, count, COUNT_SECONDS)
    return count


def count_again_after(office_id: int) -> None:
    """Move the office's generation on when the current transaction commits (or now, outside one)."""
    transaction.on_commit(lambda: next_generation(office_id))


def next_generation(office_id: int) -> None:
    """Every count kept for the office is made anew from now on."""
    key = generation_key(office_id)
    cache.add(key, 0, timeout=None)  # atomic: two first writers cannot both start from nothing
    cache.incr(key)

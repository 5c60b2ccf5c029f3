"""Who may keep and read a cooperation journal: only its owner, signed in as a journal user; which dates an entry takes."""

import datetime as dt

from django.utils.translation import gettext as _

from mekle.accounts.models import Role
from mekle.accounts.types import Actor
from mekle.lib.dates import formatted, years_before

from .models import Journal


def is_journal_keeper(user: Actor) -> bool:
    """A parent signed in with a journal account; portal users, staff and visitors are not."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.JOURNAL)


def owns_journal(user: Actor, journal: Journal) -> bool:
    return is_journal_keeper(user) and journal.owner_id == user.pk


# How far back an entry may say something happened.
ENTRY_YEARS_BACK = 5


def earliest_happened_on(today: dt.date) -> dt.date:
    return years_before(today, ENTRY_YEARS_BACK)


def happened_on_refusals(happened_on: dt.date | None, today: dt.date) -> list[str]:
    """An entry tells of something that has happened: not in the future, at most ``ENTRY_YEARS_BACK`` years back.

    The portal's form places these on its date; ``services.add_entry`` refuses the same."""
    if happened_on is None:
        return []
    if happened_on > today:
        return [_("The date cannot be in the future.")]
    earliest = earliest_happened_on(today)
    if happened_on < earliest:
        return [_("The date cannot be before %(date)s.") % {"date": formatted(earliest, "DATE_FORMAT")}]
    return []

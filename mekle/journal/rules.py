"""Who may keep and read a cooperation journal: only its owner, signed in as a journal user."""

from mekle.accounts.models import Role
from mekle.accounts.types import Actor

from .models import Journal


def is_journal_keeper(user: Actor) -> bool:
    """A parent signed in with a journal account; portal users, staff and visitors are not."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.JOURNAL)


def owns_journal(user: Actor, journal: Journal) -> bool:
    return is_journal_keeper(user) and journal.owner_id == user.pk

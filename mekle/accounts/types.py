"""Who acts in Mekle: a signed-in user or a visitor not signed in; ``None`` where the system acts."""

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser

from mekle.accounts.models import User
from mekle.lib.actors import BaseActor

# What `request.user` is. Services that the system also calls (a task, the API, the demo) take
# `Actor | None`; rules and selectors, asked about a person, take `Actor`.
Actor: TypeAlias = User | AnonymousUser

__all__ = ["Actor", "BaseActor"]


def signed_in_user(actor: Actor | None) -> User | None:
    """The user behind `actor`, for a row that records who acted; None for the system or a visitor."""
    return actor if isinstance(actor, User) else None

"""Keeping the cached mediator choices true when a user changes."""

from typing import Any

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from mekle.accounts.models import User

from .selectors import MEDIATOR_CHOICES_KEY


@receiver(post_save, sender=User, dispatch_uid="mediators.forget_mediator_choices_on_save")
@receiver(post_delete, sender=User, dispatch_uid="mediators.forget_mediator_choices_on_delete")
def forget_mediator_choices(sender: type[User], instance: User, **kwargs: Any) -> None:
    """A user saved or deleted may have joined, left, moved or renamed an office's mediators.

    Signing in saves `last_login` alone, which changes no choice.
    """
    if kwargs.get("update_fields") == frozenset({"last_login"}):
        return
    cache.delete(MEDIATOR_CHOICES_KEY)

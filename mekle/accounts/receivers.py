"""Dropping a cached signed-in user the moment the user or their office changes."""

from typing import Any

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .backends import signed_in_user_key
from .models import Office, User


@receiver(post_save, sender=User, dispatch_uid="accounts.forget_user_on_save")
@receiver(post_delete, sender=User, dispatch_uid="accounts.forget_user_on_delete")
def forget_user(sender: type[User], instance: User, **kwargs: Any) -> None:
    cache.delete(signed_in_user_key(instance.pk))


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="accounts.forget_user_on_groups")
@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="accounts.forget_user_on_permissions")
def forget_user_on_permissions(
    sender: Any, instance: Any, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    """A user's groups or permissions changed, from the user's side or from the group's."""
    if not reverse:
        cache.delete(signed_in_user_key(instance.pk))
    elif pk_set:
        cache.delete_many([signed_in_user_key(pk) for pk in pk_set])


@receiver(post_save, sender=Office, dispatch_uid="accounts.forget_office_staff_on_save")
def forget_office_staff(sender: type[Office], instance: Office, **kwargs: Any) -> None:
    """Every page names the user's office: its staff are read again after a change to it."""
    staff = User.objects.filter(office=instance).values_list("pk", flat=True)
    cache.delete_many([signed_in_user_key(pk) for pk in staff])

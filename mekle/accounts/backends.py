"""Sign-in backend: Django's, loading the user's office with the user (every page shows it).

With a shared cache (``CACHE_URL``) the signed-in user is read from it rather than from the database
on every request; saving or deleting the user or their office drops the entry (receivers.py), so a
deactivated user, a changed password or a new role takes effect on the next request. A cache of
each process's own could not be told of a change made in another process: there it stays off.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from .models import User

SIGNED_IN_USER_SECONDS = 300


def signed_in_user_key(user_id: Any) -> str:
    return f"accounts:signed-in-user:{user_id}"


class OfficeAwareModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        if not settings.MEKLE_SHARED_CACHE:
            return self._load(user_id)
        key = signed_in_user_key(user_id)
        user: User | None = cache.get(key)
        if user is None:
            user = self._load(user_id)
            if user is not None:
                cache.set(key, user, SIGNED_IN_USER_SECONDS)
        return user

    def _load(self, user_id: Any) -> User | None:
        user = User.objects.select_related("office").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

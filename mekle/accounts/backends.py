"""Sign-in backend: Django's, loading the user's office with the user (every page shows it)."""

from typing import Any

from django.contrib.auth.backends import ModelBackend

from .models import User


class OfficeAwareModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = User.objects.select_related("office").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigninConfig(AppConfig):
    name = "mekle.signin"
    label = "signin"
    verbose_name = _("Sign-in and sessions")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (the audit log of sign-ins; the staff sessions kept and ended)

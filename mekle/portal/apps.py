from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "mekle.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from . import middleware  # noqa: F401  (stamps a portal session when a party signs in)

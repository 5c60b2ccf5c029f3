from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "mekle.access"
    label = "access"
    verbose_name = _("Access")

    def ready(self) -> None:
        from django.contrib import admin

        from . import receivers  # noqa: F401  (connects the signal receivers)
        from .admin import log_every_admin

        log_every_admin(admin.site)

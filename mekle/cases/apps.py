from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "mekle.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import checks, events  # noqa: F401  (registers the system checks and the event kinds this app records)
        from .roles import limit_after_migrate

        post_migrate.connect(limit_after_migrate, sender=self, dispatch_uid="cases.limit_app_role")

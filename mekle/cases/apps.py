from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "mekle.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from . import checks, events  # noqa: F401  (registers the system checks and the event kinds this app records)

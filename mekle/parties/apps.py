from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartiesConfig(AppConfig):
    name = "mekle.parties"
    label = "parties"
    verbose_name = _("Parties")

    def ready(self) -> None:
        from . import events, receivers  # noqa: F401  (registers the event kinds and signal receivers)

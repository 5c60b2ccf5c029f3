from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JournalConfig(AppConfig):
    name = "mekle.journal"
    label = "journal"
    verbose_name = _("Cooperation journal")

    def ready(self) -> None:
        from . import events, receivers  # noqa: F401  (registers the event kinds and signal receivers)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "mekle.agreements"
    label = "agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from . import events, receivers  # noqa: F401  (registers the event kinds and signal receivers)

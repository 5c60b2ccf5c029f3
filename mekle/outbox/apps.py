from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "mekle.outbox"
    label = "outbox"
    verbose_name = _("Outbox and background work")

    def ready(self) -> None:
        from . import receivers, sweeps  # noqa: F401  (hands queued e-mails to the worker; the outbox's own sweep)

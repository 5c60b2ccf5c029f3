from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediatorsConfig(AppConfig):
    name = "mekle.mediators"
    label = "mediators"
    verbose_name = _("Mediators")

    def ready(self) -> None:
        from . import (
            consistency,  # noqa: F401  (registers how assignments and meetings must agree with the timeline)
            events,  # noqa: F401  (registers the event kinds this app records)
            receivers,  # noqa: F401  (keeps the cached mediator choices true)
        )

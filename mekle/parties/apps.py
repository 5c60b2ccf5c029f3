from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartiesConfig(AppConfig):
    name = "mekle.parties"
    label = "parties"
    verbose_name = _("Parties")

    def ready(self) -> None:
        from mekle.outbox import sweeps

        from . import events, receivers, tasks  # noqa: F401  (registers the event kinds and signal receivers)

        sweeps.register("parties.invitations", tasks.catch_up_invitations)

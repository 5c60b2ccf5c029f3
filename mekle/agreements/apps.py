from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "mekle.agreements"
    label = "agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from mekle.outbox import sweeps

        from . import events, receivers, tasks  # noqa: F401  (registers the event kinds and signal receivers)

        sweeps.register("agreements.reminders", tasks.requeue_reminders)
        sweeps.register("agreements.approved_versions", tasks.catch_up_approved_versions)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "mekle.referrals"
    label = "referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from mekle.outbox import sweeps

        from . import events, receivers, tasks  # noqa: F401  (registers the event kinds and signal receivers)

        sweeps.register("referrals.outcomes", tasks.catch_up_deliveries)

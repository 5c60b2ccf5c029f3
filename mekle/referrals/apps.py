from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "mekle.referrals"
    label = "referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from . import events, receivers  # noqa: F401  (registers the event kinds and signal receivers)

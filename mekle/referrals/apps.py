from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "mekle.referrals"
    label = "referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from mekle.cases.models import CaseEvent
        from mekle.cases.signals import case_event_recorded

        from . import events  # noqa: F401  (registers the event kinds this app records)
        from .receivers import add_outcome_deliveries

        case_event_recorded.connect(add_outcome_deliveries, sender=CaseEvent, dispatch_uid="referrals.outcomes")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "mekle.access"
    label = "access"
    verbose_name = _("Access")

    def ready(self) -> None:
        from mekle.cases.models import CaseEvent
        from mekle.cases.signals import case_event_recorded

        from .receivers import forget_case_counts

        case_event_recorded.connect(forget_case_counts, sender=CaseEvent, dispatch_uid="access.case_counts")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "mekle.notices"
    label = "notices"
    verbose_name = _("Notices to staff")

    def ready(self) -> None:
        from mekle.outbox import sweeps

        from . import receivers, tasks  # noqa: F401  (hands the e-mails to the worker)

        sweeps.register("notices.emails", tasks.catch_up_notices)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartiesConfig(AppConfig):
    name = "mekle.parties"
    label = "parties"
    verbose_name = _("Parties")

    def ready(self) -> None:
        from mekle.outbox import sweeps

        # Registers the event kinds, the signal receivers and how the rows must agree with the timeline.
        from . import consistency, events, receivers, tasks  # noqa: F401

        sweeps.register("parties.invitations", tasks.catch_up_invitations)
        sweeps.register("parties.answer_reminders", tasks.catch_up_answer_reminders)

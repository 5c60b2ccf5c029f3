from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "mekle.dialogue"
    label = "dialogue"
    verbose_name = _("Messages and proposals")

    def ready(self) -> None:
        from mekle.outbox import sweeps

        from . import events, receivers, tasks  # noqa: F401  (registers the event kinds and signal receivers)

        sweeps.register("dialogue.announcements", tasks.catch_up_announcements)

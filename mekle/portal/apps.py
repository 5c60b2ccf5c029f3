from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "mekle.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from mekle.dialogue import links as record_links
        from mekle.journal import links as journal_links
        from mekle.parties import links as party_links

        from . import middleware  # noqa: F401  (stamps a portal session when a party signs in)

        # The apps below link to these pages in their e-mails without knowing the portal's URLs.
        party_links.serve(
            party_links.PortalPaths(
                sign_in=lambda invitation_id: reverse("portal:sign_in", kwargs={"invitation_id": invitation_id}),
                request_link=lambda: reverse("portal:request_link"),
                home=lambda: reverse("portal:home"),
            )
        )
        journal_links.serve(
            journal_links.JournalPaths(
                sign_in=lambda link_id: reverse("portal:journal_sign_in", kwargs={"link_id": link_id}),
                answer=lambda token: reverse("portal:journal_answer", kwargs={"token": token}),
            )
        )
        record_links.serve(record_links.RecordPaths(check_record=lambda: reverse("portal:check_record")))

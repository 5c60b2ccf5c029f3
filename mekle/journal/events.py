"""The event kinds the `journal` app records on a case."""

from django.utils.translation import gettext_lazy as _

from mekle.cases.events import register

JOURNAL_SHARED = register(
    "journal_shared", _("The requester shared %(count)s entries of their cooperation journal (%(journal)s)")
)

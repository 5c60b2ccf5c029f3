"""Links into the public pages a good-faith record points its reader to: where to check it.

Where that page is is the portal's business: it says so when it starts (``PortalConfig.ready``
calls `serve`), so this app never names a door's URL.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class RecordPaths:
    """The paths of the public pages a record's PDF names."""

    check_record: Callable[[], str]  # the public page that checks a record


_served: list[RecordPaths] = []


def serve(paths: RecordPaths) -> None:
    """Say where the record pages are (the portal calls this once, at start-up)."""
    _served[:] = [paths]


def check_record_url() -> str:
    """Where anyone checks a good-faith record, absolute, for the record's PDF to print."""
    if not _served:
        raise ImproperlyConfigured("No door serves the record check page: is mekle.portal installed?")
    return f"{settings.MEKLE_PUBLIC_URL}{_served[0].check_record()}"

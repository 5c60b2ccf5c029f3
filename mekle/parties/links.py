"""Links into the portal for what is sent to parties and guardians: absolute, and signed where a
link signs a person in.

Where those pages are is the portal's business: it says so when it starts (``PortalConfig.ready``
calls `serve`), so this app never names a door's URL and its services and tasks need not import
each other for a link.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from sesame.utils import get_query_string

from .models import PortalInvitation


@dataclass(frozen=True)
class PortalPaths:
    """The paths of the portal pages that e-mails to a party link to."""

    sign_in: Callable[[int], str]  # an invitation's id → the page its link opens
    request_link: Callable[[], str]  # where to ask for a new link when the old one no longer works
    home: Callable[[], str]  # a signed-in party's first page


_served: list[PortalPaths] = []


def serve(paths: PortalPaths) -> None:
    """Say where the portal's pages are (the portal calls this once, at start-up)."""
    _served[:] = [paths]


def _portal() -> PortalPaths:
    if not _served:
        raise ImproperlyConfigured("No door serves the party portal's pages: is mekle.portal installed?")
    return _served[0]


def invitation_scope(invitation: PortalInvitation) -> str:
    """The sesame scope that ties a token to one invitation: a token for another invitation fails."""
    return f"portal-invitation:{invitation.pk}"


def invitation_url(invitation: PortalInvitation) -> str:
    """A fresh signed link for `invitation` (every link of one invitation works once between them)."""
    query: str = get_query_string(invitation.user, scope=invitation_scope(invitation))
    return f"{settings.MEKLE_PUBLIC_URL}{_portal().sign_in(invitation.pk)}{query}"


def new_link_url() -> str:
    """Where a person whose link no longer works asks for a new one, for e-mails to point at."""
    return f"{settings.MEKLE_PUBLIC_URL}{_portal().request_link()}"


def portal_home_url() -> str:
    """The portal's first page for a signed-in party, for e-mails to point at."""
    return f"{settings.MEKLE_PUBLIC_URL}{_portal().home()}"

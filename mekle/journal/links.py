"""Links into the journal's pages for its e-mails: the owner's sign-in link and the other parent's
answer page.

Where those pages are is the portal's business: it says so when it starts (``PortalConfig.ready``
calls `serve`), so this app never names a door's URL.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from sesame.utils import get_query_string

from .models import Proposal, SignInLink
from .selectors import answer_token


@dataclass(frozen=True)
class JournalPaths:
    """The paths of the journal pages that its e-mails link to."""

    sign_in: Callable[[int], str]  # a sign-in link's id → the page it opens
    answer: Callable[[str], str]  # a proposal's answer token → the other parent's answer page


_served: list[JournalPaths] = []


def serve(paths: JournalPaths) -> None:
    """Say where the journal's pages are (the portal calls this once, at start-up)."""
    _served[:] = [paths]


def _journal() -> JournalPaths:
    if not _served:
        raise ImproperlyConfigured("No door serves the journal's pages: is mekle.portal installed?")
    return _served[0]


def sign_in_scope(link: SignInLink) -> str:
    """The sesame scope that ties a token to one link: a token for another link fails."""
    return f"journal-sign-in:{link.pk}"


def sign_in_url(link: SignInLink) -> str:
    query: str = get_query_string(link.user, scope=sign_in_scope(link))
    return f"{settings.MEKLE_PUBLIC_URL}{_journal().sign_in(link.pk)}{query}"


def answer_url(proposal: Proposal) -> str:
    return f"{settings.MEKLE_PUBLIC_URL}{_journal().answer(answer_token(proposal))}"

"""How sure a portal session is of who the party is: the ID-porten level (`acr`) it was signed in at.

A session that began with an e-mailed link has no level. With ID-porten switched on
(MEKLE_OIDC_ENABLED), the agreement documents, the good-faith record and the messages need a
session at MEKLE_PORTAL_STEP_UP_ACR (``idporten-loa-substantial``) or higher; a link session, or one
signed in at a lower level, is asked to step up. The level is the `acr` claim of the id_token that
ID-porten signed, checked on our side at sign-in and kept in the session, never anything the
browser sends. Without ID-porten the link stays the way in, as before.
"""

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

# ID-porten's levels, lowest first (https://docs.digdir.no/docs/idporten/oidc/oidc_protocol_id_token).
LEVELS = ("idporten-loa-low", "idporten-loa-substantial", "idporten-loa-high")
SESSION_KEY = "mekle_portal_acr"
# Between the provider's answer and the sign-in: signing in as another person flushes the session.
PENDING_KEY = "mekle_portal_acr_pending"


def at_least(acr: str, required: str) -> bool:
    """Whether `acr` is `required` or a higher ID-porten level; a level we do not know counts only as itself."""
    if acr in LEVELS and required in LEVELS:
        return LEVELS.index(acr) >= LEVELS.index(required)
    return bool(acr) and acr == required


def level_of(session: SessionBase) -> str:
    """The level this session was signed in at; empty for a link session."""
    level: str = session.get(SESSION_KEY, "")
    return level


def step_up_needed(session: SessionBase) -> bool:
    """Whether this portal session must sign in again with ID-porten before it opens a guarded page."""
    return settings.MEKLE_OIDC_ENABLED and not at_least(level_of(session), settings.MEKLE_PORTAL_STEP_UP_ACR)


def note_verified_level(session: SessionBase, acr: str) -> None:
    """The backend has verified the id_token and found the person: keep its level until they are signed in."""
    session[PENDING_KEY] = acr


def take_verified_level(session: SessionBase) -> str:
    level: str = session.pop(PENDING_KEY, "")
    return level


def remember_level(session: SessionBase, acr: str) -> None:
    """After an ID-porten sign-in. The session gets a new key: a key known before is not worth the new level."""
    session.cycle_key()
    session[SESSION_KEY] = acr


def forget_level(session: SessionBase) -> None:
    """After a sign-in with a link: whatever this browser proved before, the session began with the link."""
    session.pop(SESSION_KEY, None)

"""Staff sessions: recording them at sign-in, and ending them (one, all others, or all).

Ending a session deletes it from the session store (whatever SESSION_ENGINE is: the database, the
database behind a cache, or the cache alone), so the browser holding it is signed out at its next
request, and removes its StaffSession row; each end is written to the staff audit log with why,
never with the session key. `request`, where a service takes one, is the request it happens in,
for the audit log's address and page (None for a shell or a task).
"""

import datetime as dt
from collections.abc import Iterable
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.utils.translation import gettext as _

from mekle.accounts.models import User
from mekle.accounts.types import Actor, signed_in_user
from mekle.lib.errors import Refusal
from mekle.signin import audit, devices
from mekle.signin.models import StaffAuditKind, StaffSession
from mekle.signin.selectors import expired_sessions_of

# Why a session ended, as the audit log says it (the log is read by administrators, in English).
PASSWORD_CHANGED = "password changed"
FACTORS_CHANGED = "second factors changed"
DEACTIVATED = "account deactivated"
BY_THE_PERSON = "ended by the person from their list of sessions"
ALL_OTHERS_BY_THE_PERSON = "all other sessions ended by the person from their list of sessions"


def idle_for(minutes: int) -> str:
    return f"no activity for {minutes} minutes"


def signed_in_for(hours: int) -> str:
    return f"signed in for {hours} hours"


def session_store() -> SessionBase:
    store: SessionBase = import_module(settings.SESSION_ENGINE).SessionStore()
    return store


@transaction.atomic
def start_session(
    *, user: User, session_key: str, ip_address: str | None, user_agent: str, now: dt.datetime
) -> StaffSession:
    """A staff sign-in: its row (the same row when the person signs in again in the same session).
    The person's sessions that ran out unseen (a closed browser) are cleared away first."""
    _discard(expired_sessions_of(user))
    browser, system = devices.describe(user_agent)
    session, _created = StaffSession.objects.update_or_create(
        session_key=session_key,
        defaults={
            "user": user,
            "started_at": now,
            "last_seen_at": now,
            "ip_address": ip_address,
            "browser": browser,
            "system": system,
        },
    )
    return session


def note_activity(*, session_id: int, session_key: str, now: dt.datetime) -> bool:
    """The session was used at `now`; False when its row is gone (the session was ended)."""
    return StaffSession.objects.filter(pk=session_id, session_key=session_key).update(last_seen_at=now) == 1


def follow_new_key(*, session_id: int, old_key: str, new_key: str) -> bool:
    """The session store gave the session a new key (Django does at sign-in and on a password change);
    False when its row is gone."""
    return StaffSession.objects.filter(pk=session_id, session_key=old_key).update(session_key=new_key) == 1


@transaction.atomic
def record_sign_out(*, user: User, session_key: str | None, request: Any = None) -> None:
    """The person signed out: the session's row goes, and the log says so."""
    deleted, _rows = StaffSession.objects.filter(user=user, session_key=session_key).delete()
    if deleted:
        audit.record(StaffAuditKind.SIGNED_OUT, request=request, user=user)


@transaction.atomic
def record_expiry(*, user: User, session_key: str | None, why: str, request: Any = None) -> None:
    """The session ran out (the middleware signs the person out): its row goes, and the log says why."""
    StaffSession.objects.filter(user=user, session_key=session_key).delete()
    audit.record(StaffAuditKind.SESSION_ENDED, request=request, user=user, detail=why)


@transaction.atomic
def end_session(*, actor: Actor, session: StaffSession, current_session_key: str | None, request: Any = None) -> None:
    """The person ends one of their other sessions from their list. The one in use is ended by signing out."""
    user = signed_in_user(actor)
    if user is None or session.user_id != user.pk:
        raise Refusal([_("This is not one of your sessions.")])
    if session.session_key == current_session_key:
        raise Refusal([_("This is the session you are using. Sign out to end it.")])
    _end([session], user=user, why=BY_THE_PERSON, actor=None, request=request)


@transaction.atomic
def end_other_sessions(
    *, user: User, keep_session_key: str | None, why: str, actor: User | None = None, request: Any = None
) -> int:
    """End every session of `user` but the one with `keep_session_key` (the one in use, when the person
    acts themselves); the number ended."""
    others = StaffSession.objects.filter(user=user).exclude(session_key=keep_session_key or "")
    return _end(others.select_for_update(), user=user, why=why, actor=actor, request=request)


@transaction.atomic
def end_all_sessions(*, user: User, why: str, actor: User | None = None, request: Any = None) -> int:
    sessions = StaffSession.objects.filter(user=user).select_for_update()
    return _end(sessions, user=user, why=why, actor=actor, request=request)


def _end(sessions: Iterable[StaffSession], *, user: User, why: str, actor: User | None, request: Any) -> int:
    """`actor` is named in the log when somebody else ended the sessions (an administrator)."""
    ended = list(sessions)
    actor = actor if actor is not None and actor.pk != user.pk else None
    store = session_store()
    for session in ended:
        store.delete(session.session_key)
        audit.record(
            StaffAuditKind.SESSION_ENDED,
            request=request,
            user=user,
            actor=actor,
            detail=f"{why}; {_described(session)}",
        )
    StaffSession.objects.filter(pk__in=[s.pk for s in ended]).delete()
    return len(ended)


def _discard(sessions: Iterable[StaffSession]) -> None:
    """Rows of sessions that ran out by the limits: out of the store and away, nothing to log (nobody
    was signed out; the session was dead already)."""
    gone = list(sessions)
    store = session_store()
    for session in gone:
        store.delete(session.session_key)
    StaffSession.objects.filter(pk__in=[s.pk for s in gone]).delete()


def _described(session: StaffSession) -> str:
    device = " on ".join(part for part in (session.browser, session.system) if part) or "unknown browser"
    return (
        f"{device}, from {session.ip_address or 'an unknown address'}, signed in {session.started_at:%Y-%m-%d %H:%M}Z"
    )

"""Reading staff sessions: which of a person's sessions are still alive, by the session limits."""

import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet

from mekle.accounts.models import User
from mekle.lib import clock
from mekle.signin.models import StaffSession


def idle_limit() -> dt.timedelta:
    return dt.timedelta(minutes=settings.MEKLE_STAFF_SESSION_IDLE_MINUTES)


def longest_session() -> dt.timedelta:
    return dt.timedelta(hours=settings.MEKLE_STAFF_SESSION_MAX_HOURS)


def _expired_at(now: dt.datetime) -> Q:
    """Sessions the middleware would end at their next request (a browser closed or left is never back
    to be ended, so its row outlives it)."""
    return Q(last_seen_at__lte=now - idle_limit()) | Q(started_at__lte=now - longest_session())


def active_sessions_of(user: User) -> QuerySet[StaffSession]:
    """The person's sessions that have not run out, the most recently used first."""
    return StaffSession.objects.filter(user=user).exclude(_expired_at(clock.now()))


def expired_sessions_of(user: User) -> QuerySet[StaffSession]:
    return StaffSession.objects.filter(user=user).filter(_expired_at(clock.now()))

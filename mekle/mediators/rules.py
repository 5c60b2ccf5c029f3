"""Mediators' part in a case, and when a meeting may be held."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from mekle.accounts.types import Actor
from mekle.cases.models import Case
from mekle.lib.dates import formatted, years_after

from .models import Assignment


def is_assigned_mediator(user: Actor, case: Case) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and getattr(user, "is_mediator", False)
        and Assignment.objects.filter(case=case, mediator=user, ended_at__isnull=True).exists()
    )


# How far ahead a meeting may be scheduled.
MEETING_YEARS_AHEAD = 1


def latest_meeting_date(today: dt.date) -> dt.date:
    return years_after(today, MEETING_YEARS_AHEAD)


def meeting_time_refusals(*, starts_at: dt.datetime, received_on: dt.date, now: dt.datetime) -> list[str]:
    """Why a meeting cannot start at `starts_at`: not in the future, before the case was received, or
    more than ``MEETING_YEARS_AHEAD`` ahead. The form places these on its date; ``schedule_meeting`` refuses them."""
    day, today = timezone.localdate(starts_at), timezone.localdate(now)
    if starts_at <= now:
        return [_("The meeting must start in the future.")]
    if day < received_on:
        return [
            _("The meeting cannot be before the case was received (%(date)s).")
            % {"date": formatted(received_on, "DATE_FORMAT")}
        ]
    latest = latest_meeting_date(today)
    if day > latest:
        return [
            _("A meeting can be scheduled at most a year ahead, by %(date)s.")
            % {"date": formatted(latest, "DATE_FORMAT")}
        ]
    return []

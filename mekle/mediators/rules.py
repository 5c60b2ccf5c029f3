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


def meeting_place_refusals(
    *, location: str, street_address: str, postcode: str, post_town: str, video_link: str
) -> list[str]:
    """Why a meeting's place will not do: it has neither a place nor a video link, or a street address
    without its postcode and post town (or a postcode that is not four digits). The forms ask more
    (an in-person meeting needs the whole address); the services refuse only what no meeting can have."""
    address = [part.strip() for part in (street_address, postcode, post_town)]
    refusals = []
    if not (location.strip() or any(address) or video_link.strip()):
        refusals.append(_("Give an address or a video link for the meeting."))
    elif any(address) and not all(address):
        refusals.append(_("Give the street address, postcode and post town of the meeting."))
    if postcode.strip() and not is_postcode(postcode):
        refusals.append(_("A postcode is four digits, for example 0155."))
    return refusals


def is_postcode(value: str) -> bool:
    value = value.strip()
    return len(value) == 4 and value.isascii() and value.isdigit()

"""Reads about mediators and meetings."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import QuerySet

from mekle.accounts import display_name
from mekle.accounts.models import Role
from mekle.accounts.types import Actor
from mekle.cases.models import Case
from mekle.lib import clock

from .models import Assignment, Meeting, MeetingStatus


def next_meetings_for(user: Actor, *, limit: int = 10) -> QuerySet[Meeting]:
    """The scheduled meetings still to come in the cases `user` mediates."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    return (
        Meeting.objects.filter(
            status=MeetingStatus.SCHEDULED,
            starts_at__gte=clock.now(),
            case__assignments__mediator=user,
            case__assignments__ended_at__isnull=True,
        )
        .select_related("case")
        .order_by("starts_at")[:limit]
    )


def active_assignments(case: Case) -> QuerySet[Assignment]:
    return Assignment.objects.filter(case=case, ended_at__isnull=True).select_related("mediator")


def mediators_of_office(office_id: int) -> QuerySet[Any]:
    return (
        get_user_model()
        .objects.filter(office_id=office_id, role=Role.MEDIATOR, is_active=True)
        .order_by("first_name", "last_name")
    )


MEDIATOR_CHOICES_KEY = "mediators:choices-by-office"
MEDIATOR_CHOICES_SECONDS = 60


def mediator_choices_of_office(office_id: int) -> list[tuple[int, str]]:
    """(id, name) of the office's active mediators, for the case list's filter, from the cache.

    The case list offers them on every page while they change a few times a year: every office's
    list is kept as one entry for a minute, and saving or deleting any user drops it at once
    (receivers.py), so a mediator who moves office leaves the old office's list too.
    """
    by_office: dict[int, list[tuple[int, str]]] | None = cache.get(MEDIATOR_CHOICES_KEY)
    if by_office is None:
        by_office = {}
        rows = (
            get_user_model()
            .objects.filter(office__isnull=False, role=Role.MEDIATOR, is_active=True)
            .order_by("first_name", "last_name", "pk")
            .values_list("office_id", "pk", "first_name", "last_name", "username")
        )
        for office, pk, first, last, username in rows:
            by_office.setdefault(office, []).append((pk, display_name(first, last, username)))
        cache.set(MEDIATOR_CHOICES_KEY, by_office, MEDIATOR_CHOICES_SECONDS)
    return by_office.get(office_id, [])


def meetings_of(case: Case) -> QuerySet[Meeting]:
    return Meeting.objects.filter(case=case).order_by("-starts_at")


def meetings_by_id(case: Case) -> dict[int, Meeting]:
    """The case's meetings by id, in one query (the staff case page's rows read their place here)."""
    return {meeting.pk: meeting for meeting in Meeting.objects.filter(case=case)}


def upcoming_meeting(case: Case) -> Meeting | None:
    """The case's scheduled meeting, if there is one."""
    return Meeting.objects.filter(case=case, status=MeetingStatus.SCHEDULED).order_by("starts_at").first()

"""Reads about mediators and meetings."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from mekle.accounts.models import Role
from mekle.cases.models import Case
from mekle.lib import clock

from .models import Assignment, Meeting, MeetingStatus


def next_meetings_for(user: Any, *, limit: int = 10) -> QuerySet[Meeting]:
    """The scheduled meetings still to come in the cases `user` mediates."""
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


def meetings_of(case: Case) -> QuerySet[Meeting]:
    return Meeting.objects.filter(case=case).order_by("-starts_at")


def upcoming_meeting(case: Case) -> Meeting | None:
    """The case's scheduled meeting, if there is one."""
    return Meeting.objects.filter(case=case, status=MeetingStatus.SCHEDULED).order_by("starts_at").first()

"""Mediators' part in a case."""

from mekle.accounts.types import Actor
from mekle.cases.models import Case

from .models import Assignment


def is_assigned_mediator(user: Actor, case: Case) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and getattr(user, "is_mediator", False)
        and Assignment.objects.filter(case=case, mediator=user, ended_at__isnull=True).exists()
    )

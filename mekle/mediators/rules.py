"""Mediators' part in a case."""

from typing import Any

from mekle.cases.models import Case

from .models import Assignment


def is_assigned_mediator(user: Any, case: Case) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and getattr(user, "is_mediator", False)
        and Assignment.objects.filter(case=case, mediator=user, ended_at__isnull=True).exists()
    )

"""Writes to the access log."""

from typing import Any

from .models import AccessLogEntry


def log_access(
    *, user: Any, what: str, path: str, case_reference: str = "", object_id: str = "", detail: str = ""
) -> None:
    AccessLogEntry.objects.create(
        user=user if user.is_authenticated else None,
        what=what,
        case_reference=case_reference,
        object_id=object_id,
        path=path[:500],
        detail=detail[:500],
    )

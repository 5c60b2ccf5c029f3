"""Writes to the access log."""

from functools import cache
from typing import Any

from django.db import connection
from django.utils import timezone

from .models import AccessLogEntry


@cache
def _insert_sql() -> str:
    table = connection.ops.quote_name(AccessLogEntry._meta.db_table)
    fields = {field.name: field.column for field in AccessLogEntry._meta.concrete_fields}
    columns = ", ".join(
        connection.ops.quote_name(fields[name])
        for name in ("user", "occurred_at", "what", "case_reference", "object_id", "path", "detail")
    )
    return f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s)"


def log_access(
    *, user: Any, what: str, path: str, case_reference: str = "", object_id: str = "", detail: str = ""
) -> None:
    """One row per read, written before the page is sent.

    Every signed-in page makes this write, so it is one plain INSERT rather than a model save (which
    builds the model, sends its signals and compiles the statement anew: more than the insert costs).
    """
    values = [
        user.pk if user.is_authenticated else None,
        connection.ops.adapt_datetimefield_value(timezone.now()),
        what[:50],
        case_reference[:20],
        object_id[:50],
        path[:500],
        detail[:500],
    ]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(), values)

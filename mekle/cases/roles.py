"""The application's database role may read and append case events, never change or delete them.

Two PostgreSQL roles (docs/timeline.md): the migration role owns the tables and runs `migrate` and
the privileged commands; the app role (``DATABASE_APP_ROLE``), which the web and worker processes
connect as, gets only SELECT and INSERT on the events table. Applied by migration
``cases.0005`` and again after every `migrate` (a blanket ``GRANT … ON ALL TABLES`` in between would
otherwise undo it unseen; ``verify_timeline`` also says so). A no-op on SQLite and without an app role.
"""

from typing import Any

from django.conf import settings

EVENTS_TABLE = "cases_caseevent"
REWRITES = ("UPDATE", "DELETE", "TRUNCATE")


def _applies(connection: Any) -> bool:
    return connection.vendor == "postgresql" and bool(settings.MEKLE_DATABASE_APP_ROLE)


def _quoted_names(connection: Any) -> tuple[str, str]:
    """The events table and the app role, quoted for SQL."""
    return connection.ops.quote_name(EVENTS_TABLE), connection.ops.quote_name(settings.MEKLE_DATABASE_APP_ROLE)


def limit_app_role(connection: Any) -> None:
    """Leave the app role SELECT and INSERT on the events table, and USAGE of its id sequence."""
    if not _applies(connection):
        return
    table, grantee = _quoted_names(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"REVOKE ALL ON TABLE {table} FROM {grantee}")
        cursor.execute(f"GRANT SELECT, INSERT ON TABLE {table} TO {grantee}")
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [EVENTS_TABLE])
        (sequence,) = cursor.fetchone()
        if sequence:
            cursor.execute(f"GRANT USAGE ON SEQUENCE {sequence} TO {grantee}")


def restore_app_role(connection: Any) -> None:
    """Undo `limit_app_role` (the migration's reverse): the app role may change events again."""
    if not _applies(connection):
        return
    table, grantee = _quoted_names(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE {table} TO {grantee}")


def app_role_rewrite_privileges(connection: Any) -> list[str]:
    """What the app role may do to case events beyond reading and appending (empty when nothing, or no app role)."""
    if not _applies(connection):
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [settings.MEKLE_DATABASE_APP_ROLE])
        if cursor.fetchone() is None:
            return []
        cursor.execute(
            "SELECT p FROM unnest(%s::text[]) AS p WHERE has_table_privilege(%s, %s, p)",
            [list(REWRITES), settings.MEKLE_DATABASE_APP_ROLE, EVENTS_TABLE],
        )
        return [row[0] for row in cursor.fetchall()]


def limit_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """The post_migrate receiver: every `migrate` leaves the app role as `limit_app_role` says."""
    from django.db import connections

    limit_app_role(connections[using])

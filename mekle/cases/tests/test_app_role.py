"""On PostgreSQL the application's database role can only read and append case events (cases.roles)."""

import importlib
import os
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from mekle.cases.models import CaseEvent
from mekle.cases.roles import app_role_rewrite_privileges, limit_after_migrate

migration = importlib.import_module("mekle.cases.migrations.0005_caseevent_app_role_grants")
editor = SimpleNamespace(connection=connection)  # what the migration's functions use of a schema editor

COPY_FIRST_EVENT = (
    "INSERT INTO cases_caseevent (case_id, sequence, actor_id, kind, occurred_at, payload, payload_digest, "
    "chain_version, visibility, prev_hash, hash) SELECT case_id, 999, actor_id, kind, occurred_at, payload, "
    "payload_digest, chain_version, visibility, prev_hash, hash FROM cases_caseevent WHERE sequence = 1 LIMIT 1"
)


def run(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)


def statement_as(role, sql):
    """Run `sql` as `role` in a savepoint; the error's text if the database refuses it, else ''."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f'SET LOCAL ROLE "{role}"')
            cursor.execute(sql)
            cursor.execute("RESET ROLE")
    except DatabaseError as error:
        return str(error)
    return ""


@pytest.fixture
def app_role(settings):
    role = f"mekle_test_app_{os.getpid()}"
    settings.MEKLE_DATABASE_APP_ROLE = role
    return role


def test_the_app_role_may_read_and_append_events_but_never_rewrite_them(case, app_role, capsys):
    if connection.vendor != "postgresql":
        migration.limit(None, editor)  # SQLite has no roles: nothing happens, nothing fails
        assert app_role_rewrite_privileges(connection) == []
        assert CaseEvent.objects.filter(case=case, sequence=1).update(kind="case_opened") == 1
        call_command("verify_timeline")
        return
    run(f'CREATE ROLE "{app_role}" NOLOGIN')  # rolled back with the test's transaction
    run(f'GRANT ALL ON TABLE cases_caseevent TO "{app_role}"')  # as a blanket grant would
    with pytest.raises(CommandError, match="1 finding"):
        call_command("verify_timeline")
    assert f"app role may rewrite events: the role {app_role} has UPDATE, DELETE, TRUNCATE" in capsys.readouterr().err
    migration.limit(None, editor)
    assert statement_as(app_role, "SELECT count(*) FROM cases_caseevent") == ""
    assert statement_as(app_role, COPY_FIRST_EVENT) == ""
    assert "permission denied" in statement_as(app_role, "UPDATE cases_caseevent SET kind = 'tampered'")
    assert "permission denied" in statement_as(app_role, "DELETE FROM cases_caseevent")
    assert "permission denied" in statement_as(app_role, "TRUNCATE cases_caseevent")
    assert not CaseEvent.objects.filter(kind="tampered").exists()
    assert CaseEvent.objects.filter(sequence=999).delete()[0] == 1  # the owner (the migration role) still may
    call_command("verify_timeline", case.reference)  # and nothing is said about the app role any more
    migration.restore(None, editor)
    assert app_role_rewrite_privileges(connection) == ["UPDATE", "DELETE"]
    limit_after_migrate(sender=None)  # every `migrate` takes them away again
    assert app_role_rewrite_privileges(connection) == []


def test_an_app_role_not_created_yet_is_not_reported(case, app_role):
    assert app_role_rewrite_privileges(connection) == []


def test_without_an_app_role_the_migration_changes_nothing(case, settings):
    settings.MEKLE_DATABASE_APP_ROLE = ""
    migration.limit(None, editor)
    migration.restore(None, editor)
    assert app_role_rewrite_privileges(connection) == []
    assert CaseEvent.objects.filter(case=case, sequence=1).update(kind="case_opened") == 1

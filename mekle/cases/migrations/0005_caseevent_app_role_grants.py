# The application's database role may only read and append case events (mekle/cases/roles.py, docs/timeline.md).

from django.db import migrations

from mekle.cases.roles import limit_app_role, restore_app_role


def limit(apps, schema_editor):
    limit_app_role(schema_editor.connection)


def restore(apps, schema_editor):
    restore_app_role(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_caseevent_payload_digest"),
    ]

    operations = [
        migrations.RunPython(limit, restore, elidable=False),
    ]

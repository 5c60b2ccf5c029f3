# Each event's hash covers a SHA-256 digest of its payload, stored beside it (cases.chain).

from django.db import migrations, models

from mekle.lib.hashing import canonical_json, sha256_hex


def fill_payload_digests(apps, schema_editor):
    """Existing events keep chain version 1: their hash still covers the payload itself.

    Their digest is filled in all the same, so every event has one, but it is not what their hash
    covers: recomputing their hashes would mean trusting the payloads as they stand today.
    """
    CaseEvent = apps.get_model("cases", "CaseEvent")
    batch = []
    for event in CaseEvent.objects.only("id", "payload").iterator(chunk_size=2000):
        event.payload_digest = sha256_hex(canonical_json(event.payload))
        batch.append(event)
        if len(batch) == 2000:
            CaseEvent.objects.bulk_update(batch, ["payload_digest"])
            batch = []
    CaseEvent.objects.bulk_update(batch, ["payload_digest"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_case_office_reference_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="caseevent",
            name="payload_digest",
            field=models.CharField(blank=True, max_length=64),
        ),
        # Every event that exists now was hashed by version 1; every event written from now on is version 2.
        migrations.AddField(
            model_name="caseevent",
            name="chain_version",
            field=models.PositiveSmallIntegerField(default=1),
        ),
        migrations.AlterField(
            model_name="caseevent",
            name="chain_version",
            field=models.PositiveSmallIntegerField(default=2),
        ),
        migrations.RunPython(fill_payload_digests, migrations.RunPython.noop),
    ]

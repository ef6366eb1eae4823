"""The user's funding source and subject areas on a reservation (the national service record).

On SQLite, adding the JSON column rebuilds the table, which drops its triggers: the no-overlap
triggers of 0002 are created again afterwards.
"""

from importlib import import_module

from django.db import migrations, models

no_overlap = import_module("labshare.booking.migrations.0002_no_overlap")


def _restore_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in no_overlap.SQLITE_BACKWARD:
        schema_editor.execute(statement.replace("DROP TRIGGER", "DROP TRIGGER IF EXISTS"))
    for statement in no_overlap.SQLITE_FORWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0004_training_request"),
    ]

    operations = [
        migrations.AddField(
            model_name="reservation",
            name="funding_source",
            field=models.CharField(blank=True, max_length=20, verbose_name="funding source"),
        ),
        migrations.AddField(
            model_name="reservation",
            name="subject_areas",
            field=models.JSONField(blank=True, default=list, verbose_name="subject areas"),
        ),
        migrations.RunPython(_restore_triggers, _restore_triggers),
    ]

from django.db import migrations


def load(apps, schema_editor):
    from labshare.catalog.reference_data import load_reference_data

    load_reference_data(
        apps.get_model("catalog", "InstrumentClass"), apps.get_model("catalog", "Discipline")
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

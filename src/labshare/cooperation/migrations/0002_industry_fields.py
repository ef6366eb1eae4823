from django.db import migrations


def load(apps, schema_editor):
    from labshare.cooperation.reference_data import load_industry_fields

    load_industry_fields(apps.get_model("cooperation", "IndustryField"))


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

"""The term index read anew: class-code terms, the provider's name, and the need thesaurus in
the segmenter's dictionary. Derived data only; a new database has nothing to index."""

from django.db import migrations


def reindex(apps, schema_editor):
    if not apps.get_model("catalog", "Instrument").objects.exists():
        return
    # The index is computed by the search code of today, as the services would write it.
    from labshare.catalog.search import rebuild_index

    rebuild_index()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0009_test_services_accreditations")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]

"""The term index read anew: class-code terms, the provider's name, and the need thesaurus in
the segmenter's dictionary. Derived data only; a new database has nothing to index.

Written against the historical models: search.instrument_terms reads only fields that exist at
this point of the schema, so the migration keeps working whatever later ones change.
"""

from django.db import migrations

BATCH = 500


def reindex(apps, schema_editor):
    from labshare.catalog import search

    instrument_model = apps.get_model("catalog", "Instrument")
    term_model = apps.get_model("catalog", "SearchTerm")
    public = instrument_model.objects.filter(is_published=True, retired_at__isnull=True)
    if not instrument_model.objects.exists():
        return
    term_model.objects.all().delete()
    ids = list(public.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = public.filter(pk__in=ids[start : start + BATCH]).select_related(
            "organization", "instrument_class"
        )
        term_model.objects.bulk_create(
            [
                term_model(instrument_id=instrument.pk, term=term, weight=weight)
                for instrument in chunk
                for term, weight in search.instrument_terms(instrument).items()
            ],
            batch_size=2000,
        )
    search.bump_generation()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0009_test_services_accreditations")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]

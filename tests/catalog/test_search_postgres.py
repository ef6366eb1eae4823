"""PostgreSQL specifics of keyword search."""

import pytest
from django.db import connection

from labshare.catalog.models import SearchTerm
from labshare.catalog.queries import CatalogFilter, public_instruments
from tests.factories import make_instrument


@pytest.mark.postgres
def test_keyword_search_reads_the_term_index(provider_org):
    instrument = make_instrument(provider_org, "气相色谱仪", class_code="010501")
    # Enough other words that the planner's statistics look like a real index, not an empty one.
    SearchTerm.objects.bulk_create(
        SearchTerm(instrument=instrument, term=f"词{number}", weight=1) for number in range(5000)
    )
    results = CatalogFilter(q="色谱").apply(public_instruments())
    sql, params = results.keys.sql()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_searchterm")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # The term leads the index, so a word's postings are one range scan.
    assert "searchterm_lookup" in plan, plan

"""The benchmark command runs end to end on a small catalogue and prints its numbers as JSON."""

import io
import json

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_bench_catalog_prints_latencies_as_json():
    out = io.StringIO()
    call_command(
        "bench",
        "catalog",
        "--instruments",
        "300",
        "--repeat",
        "1",
        stdout=out,
        stderr=io.StringIO(),
    )
    result = json.loads(out.getvalue())
    assert result["instruments_in_catalogue"] == 300
    for key in ("keyword_search_page", "filtered_list_first_page", "filtered_list_deep_page"):
        assert result[key]["runs"] >= 1
        assert 0 < result[key]["p50_ms"] <= result[key]["p95_ms"]

"""The benchmark command runs end to end on a small catalogue and prints its numbers as JSON."""

import io
import json
from decimal import Decimal

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
        "--reservations",
        "900",
        stdout=out,
        stderr=io.StringIO(),
    )
    result = json.loads(out.getvalue())
    assert result["instruments_in_catalogue"] == 300
    assert result["schedules"]["reservations"] == 900
    assert result["schedules"]["windows_created_for"] == 300
    keys = (
        "keyword_search_page",
        "availability_search_page",
        "availability_keyword_search_page",
        "filtered_list_first_page",
        "filtered_list_deep_page",
    )
    for key in keys:
        assert result[key]["runs"] >= 1
        assert 0 < result[key]["p50_ms"] <= result[key]["p95_ms"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bench_booking_races_client_processes_and_finds_no_overlap():
    out = io.StringIO()
    call_command(
        "bench",
        "booking",
        "--clients",
        "3",
        "--attempts",
        "60",
        "--history",
        "40",
        stdout=out,
        stderr=io.StringIO(),
    )
    result = json.loads(out.getvalue())
    for run in (result["service"], result["bare_sql"]):
        assert run["attempts"] == 60
        assert run["confirmed"] + run["conflicts"] == 60
        assert run["errors"] == 0
        assert run["overlaps"] == 0
        assert run["confirmed"] >= 1 and run["conflicts"] >= 1
    assert result["ratio_service_to_bare"] > 0
    assert result["free_intervals_4_weeks"]["reservations_on_instrument"] == 40


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bench_import_queues_a_file_and_a_worker_process_imports_it(monkeypatch, settings):
    from tests.processes import database_env

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The benchmark's worker process reads the environment: point it at the test database.
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "labshare.settings")
    for name, value in database_env().items():
        monkeypatch.setenv(name, value)
    out = io.StringIO()
    call_command("bench", "import", "--rows", "40", stdout=out, stderr=io.StringIO())
    result = json.loads(out.getvalue())
    assert (result["status"], result["created"], result["rows"]) == ("done", 40, 40)
    assert result["worker_seconds"] > 0 and result["job_seconds"] > 0
    assert result["catalogue_page_before"]["runs"] == 30


@pytest.mark.django_db
def test_bench_report_issues_numbered_reports_and_prints_their_timings():
    out = io.StringIO()
    call_command(
        "bench", "report", "--reports", "2", "--samples", "1", stdout=out, stderr=io.StringIO()
    )
    result = json.loads(out.getvalue())
    assert result["reports"] == 2 and result["pdf_pages"] == [1]
    for key in ("issue_report", "build_pdf_only"):
        assert result[key]["runs"] == 2
        assert 0 < result[key]["p50_ms"] <= result[key]["max_ms"]
    from labshare.orders.models import TestReport

    assert sorted(TestReport.objects.values_list("sequence", flat=True)) == [1, 2]


@pytest.mark.django_db
def test_bench_search_measures_relevance_on_a_needs_file(tmp_path):
    from tests.factories import make_instrument, make_organization

    provider = make_organization("测评仪器单位", is_provider=True, is_demo=True)
    make_instrument(provider, "电子万能材料试验机", class_code="020101", functions="拉伸、压缩")
    make_instrument(provider, "气相色谱仪", class_code="010501")
    needs = tmp_path / "needs.tsv"
    needs.write_text(
        "need\texpected\tnote\n"
        "测材料的拉伸强度\t020101\t\n"
        "气相色谱\t010500\tall chromatographs\n"
        "核磁共振氢谱\t010601\tnot in this catalogue\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("bench", "search", "--needs", str(needs), stdout=out, stderr=io.StringIO())
    result = json.loads(out.getvalue())
    assert result["needs"] == 3
    assert result["recall_at_5"] == round(2 / 3, 3)
    assert result["mrr_at_10"] == round(2 / 3, 3)
    assert [miss["need"] for miss in result["misses"]] == ["核磁共振氢谱"]


@pytest.mark.django_db
def test_bench_search_refuses_a_file_without_the_columns(tmp_path):
    from django.core.management.base import CommandError

    needs = tmp_path / "needs.tsv"
    needs.write_text("query\tclasses\n拉伸\t020101\n", encoding="utf-8")
    with pytest.raises(CommandError, match="need and expected"):
        call_command("bench", "search", "--needs", str(needs), stdout=io.StringIO())


@pytest.mark.django_db
def test_bench_billing_bills_every_charge_and_settles_the_vouchers():
    def bench() -> dict:
        out = io.StringIO()
        call_command("bench", "billing", "--charges", "400", stdout=out, stderr=io.StringIO())
        return json.loads(out.getvalue())

    for result in (bench(), bench()):  # a second run times the same work again
        run = result["billing_run"]
        assert (result["charges"], result["customers"]) == (400, 400)
        assert run["statements"] == 400 and run["charges_on_statements"] == 400
        # a quarter of the customers hold grants; each line's voucher is half its amount
        assert result["settlement"]["redemptions"] == 100
        assert Decimal(result["settlement"]["total_yuan"]) > 0
        assert run["draft"]["seconds"] >= 0
        for file_format in ("xlsx_export", "pdf_export"):
            export = result["settlement"][file_format]
            assert (export["status"], export["rows"]) == ("done", 100) and export["bytes"] > 0


@pytest.mark.django_db
def test_bench_insights_fills_a_year_and_times_the_dashboards_and_the_export():
    def bench() -> dict:
        out = io.StringIO()
        call_command(
            "bench", "insights", "--reservations", "800", "--repeat", "1",
            stdout=out, stderr=io.StringIO(),
        )  # fmt: skip
        return json.loads(out.getvalue())

    first, second = bench(), bench()  # the second run reuses the year
    assert first["instruments"] == 2 and first["reservations"] == second["reservations"] == 800
    for name in ("district_year", "district_month", "provider_year"):
        assert first["dashboards"][name]["runs"] == 1
    assert first["dashboards"]["district_part_month_from_records"]["runs"] == 1
    # Every closed month from the bench year's January on; each instrument has a row for each
    # month of that year, and a second tick has nothing to write.
    written = second["summary"]
    assert written["months"] >= 12 and written["instrument_months"] == 2 * 12
    assert written["months_again"] == 0
    export = first["assessment_export"]
    # 400 a year per instrument: 1 in 20 no-shows, 1 in 20 cancelled, 1 in 7 internal.
    outside_completed = sum(1 for k in range(400) if k % 20 not in (0, 1) and k % 7 != 0)
    assert export["instruments"] == 2 and export["records"] == 2 * outside_completed
    assert export["bytes"] > 0


@pytest.mark.django_db
def test_bench_cooperation_posts_matches_and_times_the_board():
    out = io.StringIO()
    call_command(
        "bench",
        "cooperation",
        "--instruments",
        "200",
        "--needs",
        "9",
        "--repeat",
        "1",
        stdout=out,
        stderr=io.StringIO(),
    )
    result = json.loads(out.getvalue())
    assert result["instruments_in_catalogue"] == 200
    assert result["needs"] == result["needs_posted_now"] == 9
    assert result["post_need_with_matching"]["runs"] == 9
    # The synthetic catalogue copies the demo's instruments: every topic finds providers.
    assert all(count > 0 for count in result["providers_suggested_per_need"])
    for key in ("suggest", "board_page", "matched_needs_first_page"):
        assert result[key]["p95_ms"] >= result[key]["p50_ms"] >= 0, key

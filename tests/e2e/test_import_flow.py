"""A legitimate 5,000-row file goes through the real worker while Chromium watches the job page."""

import os
import subprocess
import sys

import pytest

from labshare.bench.imports import workbook
from labshare.catalog.models import ImportJob, Instrument
from tests.e2e.test_catalog_flow import log_in
from tests.processes import database_env

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_a_5000_row_import_runs_in_the_worker_and_the_page_follows_it(
    page, settings, technician, provider_org
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    log_in(page, "technician")
    page.goto("/console/instruments/import/")
    page.set_input_files(
        "input[type=file]",
        {"name": "仪器清单.xlsx", "mimeType": XLSX, "buffer": workbook(5000, "E2E")},
    )
    page.click("#import")
    page.wait_for_selector("#import-job[data-status=queued]")  # nothing runs in the request
    assert not Instrument.objects.exists()

    # The worker is its own process, as in production, on the test database and media folder.
    worker = subprocess.Popen(
        [sys.executable, "-m", "labshare.cli", "worker", "--batch"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "labshare.settings", **database_env()},
    )
    try:
        # htmx polls the job every second: the page moves on by itself, to the outcome.
        page.wait_for_selector("#import-job:not([data-status=queued])", timeout=60_000)
        page.wait_for_selector("#import-done", timeout=90_000)
    finally:
        assert worker.wait(timeout=120) == 0
    assert "新增 5000 台仪器" in page.inner_text("#import-done")
    job = ImportJob.objects.get()
    assert (job.status, job.rows_checked, job.rows_total) == ("done", 5000, 5000)
    assert Instrument.objects.filter(organization=provider_org).count() == 5000
    page.click("text=查看仪器列表")
    page.wait_for_url("**/console/instruments/")

"""The real worker (the database task backend and `labshare worker`) runs queued imports."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from labshare.catalog.import_jobs import start_import
from labshare.catalog.models import ImportJob, Instrument
from tests.catalog.test_import_export import row, upload, xlsx
from tests.factories import act

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_import_waits_for_the_worker_and_the_worker_runs_it(technician, provider_org):
    rows = [row({1: f"N-{n}", 2: f"ZC-{n}"}) for n in range(150)]
    with override_settings(TASKS=DATABASE_TASKS):
        job = start_import(act(technician), provider_org, upload(xlsx(*rows)))
        job.refresh_from_db()
        assert job.status == ImportJob.Status.QUEUED
        assert DBTaskResult.objects.filter(status="READY").count() == 1
        assert not Instrument.objects.exists()  # nothing happens in the request
        call_command("worker", batch=True, stdout=io.StringIO(), stderr=io.StringIO())
    job.refresh_from_db()
    assert (job.status, job.created, job.rows_checked, job.rows_total) == ("done", 150, 150, 150)
    assert Instrument.objects.filter(organization=provider_org).count() == 150
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_job_runs_once_however_often_it_is_handed_over(technician, provider_org):
    from labshare.catalog.import_jobs import run_import_job

    job = start_import(act(technician), provider_org, upload(xlsx(row())))  # runs at once
    assert run_import_job(job.pk) == "already claimed"
    assert Instrument.objects.filter(organization=provider_org).count() == 1

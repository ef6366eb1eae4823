"""The catalogue's background tasks (run by `labshare worker`)."""

from django_tasks import task

from labshare.catalog.import_jobs import run_import_job


@task()
def run_import(job_id: int) -> str:
    return run_import_job(job_id)

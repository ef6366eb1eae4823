"""`labshare bench import`: a legitimate 5,000-row spreadsheet imported through the worker.

It times the request that queues the file, the worker from its start to the job's end, and the
public catalogue page before and while the worker runs (what a visitor pays for an import).
"""

import io
import os
import subprocess
import sys
import time

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from labshare.accounts import services as account_services
from labshare.accounts.models import Organization, User
from labshare.accounts.uscc import with_check_character
from labshare.bench.catalog import _page
from labshare.bench.timing import summary
from labshare.catalog.import_jobs import start_import
from labshare.catalog.models import ImportJob
from labshare.catalog.nrii import columns
from labshare.core.actors import command_actor, system_actor

PROVIDER = "基准导入测试单位"


def _provider() -> tuple[Organization, User]:
    org = Organization.objects.filter(name=PROVIDER).first()
    if org is None:
        org = account_services.create_organization(
            system_actor(),
            name=PROVIDER,
            uscc=with_check_character("12210297000000001"),
            kind=Organization.Kind.INSTITUTE,
            is_provider=True,
            is_customer=False,
            is_demo=True,
            code="BIMP",
        )
    user = User.objects.filter(username="bench_importer").first()
    if user is None:
        user = account_services.create_account(
            system_actor(), username="bench_importer", password="", email="", full_name="导入"
        )
        account_services.add_member(system_actor(), org, user, "staff")
    return org, user


def workbook(rows: int, prefix: str) -> bytes:
    """A file in the national template: every required column filled, and a few more."""
    template = columns()
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([column.group for column in template])
    sheet.append([column.header for column in template])
    for number in range(rows):
        values = {
            1: f"{prefix}-{number:05d}",
            2: f"ZC-{prefix}-{number:05d}",
            3: f"气相色谱仪 {number}",
            8: "10501",  # as Excel leaves it: the leading zero lost
            11: "１２５．５０",  # full-width digits, as hand-filled files have them
        }
        sheet.append([values.get(column.number) for column in template])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _time_page() -> float:
    started = time.perf_counter()
    _page({})
    return (time.perf_counter() - started) * 1000


def run(rows: int, log) -> dict:
    org, user = _provider()
    prefix = f"B{ImportJob.objects.count():04d}"
    content = workbook(rows, prefix)
    log(f"workbook: {rows} rows, {len(content)} bytes")
    _page({})  # warm the page's caches
    baseline = [_time_page() for _ in range(30)]
    upload = SimpleUploadedFile("instruments.xlsx", content)
    started = time.perf_counter()
    job = start_import(command_actor(user, org), org, upload)
    request_ms = (time.perf_counter() - started) * 1000
    worker_started = time.perf_counter()
    worker = subprocess.Popen(  # noqa: S603 (our own command)
        [sys.executable, "-m", "labshare.cli", "worker", "--batch"],
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    during = []
    while worker.poll() is None:
        during.append(_time_page())
    worker.wait()
    worker_seconds = time.perf_counter() - worker_started
    job.refresh_from_db()
    return {
        "rows": rows,
        "status": job.status,
        "created": job.created,
        "queue_request_ms": round(request_ms, 1),
        "worker_seconds": round(worker_seconds, 2),
        "job_seconds": round((job.finished_at - job.created_at).total_seconds(), 2),
        "catalogue_page_before": summary(baseline),
        "catalogue_page_during_import": summary(during) if during else None,
    }

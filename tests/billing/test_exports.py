"""Settlement files written by the worker: queued from the page, followed on a polled card,
fetched when ready, read back with openpyxl and pdftotext against the database; one export at
a time per format, a newer file replacing the older, and the file only for the settlement's
readers."""

import io
import os
import shutil
import subprocess
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from labshare.billing import documents, jobs, services
from labshare.billing.models import ExportJob
from labshare.core import clock
from labshare.core.errors import InvalidInput, NotAllowed
from tests.factories import act

pytestmark = pytest.mark.django_db
PDFTOTEXT = shutil.which("pdftotext")
# A real backend that keeps tasks without running them: the job stays queued, as it does
# while the worker is busy.
HELD = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def settlement(billed, grant, operator, provider_org):
    draft = services.start_settlement(
        act(operator), grant.programme, provider_org, date(2026, 3, 1)
    )
    return services.issue_settlement(act(operator), draft)


def export(client, settlement, file_format="xlsx"):
    return client.post(reverse("billing:export_settlement", args=[settlement.pk, file_format]))


def test_the_operator_queues_the_excel_and_fetches_it_with_the_database_totals(
    client_of, settlement, billed, operator
):
    client = client_of(operator)
    response = export(client, settlement)
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert (job.status, job.rows_total, job.rows_done) == ("done", 2, 2)
    page = client.get(reverse("billing:settlement", args=[settlement.pk])).content.decode()
    assert reverse("billing:export_file", args=[job.pk]) in page
    download = client.get(reverse("billing:export_file", args=[job.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert settlement.number in download["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    rows = list(book.active.iter_rows(values_only=True))
    assert Decimal(str(rows[-1][6])) == settlement.total == Decimal("600.00")
    assert sum(Decimal(str(r[6])) for r in rows[6:-1]) == settlement.total
    assert all(r[4] == billed.number for r in rows[6:-1])


@pytest.mark.skipif(PDFTOTEXT is None, reason="needs pdftotext (apt-get install poppler-utils)")
def test_the_pdf_reads_back_with_the_total_and_every_redemption(
    client_of, settlement, billed, operator, monkeypatch
):
    monkeypatch.setattr(documents, "PDF_TABLE_ROWS", 1)  # one table per row: the split path
    export(client_of(operator), settlement, "pdf")
    job = ExportJob.objects.get(format="pdf")
    content = b"".join(
        client_of(operator).get(reverse("billing:export_file", args=[job.pk])).streaming_content
    )
    text = subprocess.run(
        [PDFTOTEXT, "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    assert settlement.number in text and str(settlement.total) in text
    assert text.count(billed.number[:16]) == 2  # the column wraps the number
    assert text.count("服务日期") == 3  # the header again on each table, the total's too


def test_progress_is_told_while_the_rows_stream(settlement, monkeypatch):
    monkeypatch.setattr(documents, "CHUNK", 1)
    told = []
    documents.write_settlement_xlsx(settlement, io.BytesIO(), told.append)
    assert told == [1, 2]


@override_settings(TASKS=HELD)
def test_a_second_request_follows_the_export_under_way_and_a_stale_one_is_replaced(
    settlement, operator, now
):
    first = jobs.queue_settlement_export(act(operator), settlement, "xlsx")
    assert first.status == "queued"
    assert jobs.queue_settlement_export(act(operator), settlement, "xlsx") == first
    other = jobs.queue_settlement_export(act(operator), settlement, "pdf")
    assert other != first
    now(clock.now() + jobs.EXPORT_STALE + timedelta(minutes=1))
    fresh = jobs.queue_settlement_export(act(operator), settlement, "xlsx")
    first.refresh_from_db()
    assert fresh != first and first.status == "failed" and first.message
    assert ExportJob.objects.filter(status__in=ExportJob.UNFINISHED).count() == 2


def test_a_newer_file_replaces_the_older_one(settlement, operator):
    first = jobs.queue_settlement_export(act(operator), settlement, "xlsx")
    first.refresh_from_db()
    path = first.file.path
    # A settlement is handed out by its checking view only, never from MEDIA_ROOT.
    assert path.startswith(str(settings.PRIVATE_ROOT))
    second = jobs.queue_settlement_export(act(operator), settlement, "xlsx")
    assert second != first
    assert not ExportJob.objects.filter(pk=first.pk).exists()
    assert not os.path.exists(path)
    assert ExportJob.objects.get().pk == second.pk


def test_a_bad_format_and_an_outsider_are_refused_and_nothing_is_queued(
    settlement, operator, outsider, other_provider_admin
):
    with pytest.raises(InvalidInput) as refused:
        jobs.queue_settlement_export(act(operator), settlement, "csv")
    assert refused.value.field == "format"
    for person in (outsider, other_provider_admin):
        with pytest.raises(NotAllowed):
            jobs.queue_settlement_export(act(person), settlement, "xlsx")
    assert not ExportJob.objects.exists()


def test_who_may_fetch_the_file(
    client_of, settlement, operator, provider_admin, provider_member, other_provider_admin
):
    export(client_of(operator), settlement)
    job = ExportJob.objects.get()
    file_url = reverse("billing:export_file", args=[job.pk])
    card_url = reverse("billing:export", args=[job.pk])
    assert client_of(provider_admin).get(file_url).status_code == 200  # its own, settled
    assert client_of(provider_admin).get(card_url).status_code == 200
    assert client_of(provider_member).get(file_url).status_code == 403  # no billing.view
    assert client_of(other_provider_admin).get(file_url).status_code == 404
    assert client_of(other_provider_admin).get(card_url).status_code == 404
    assert export(client_of(other_provider_admin), settlement).status_code == 404
    assert ExportJob.objects.count() == 1


def test_a_draft_settlement_is_the_operators_alone(
    client_of, billed, grant, operator, provider_org, provider_admin
):
    draft = services.start_settlement(
        act(operator), grant.programme, provider_org, date(2026, 3, 1)
    )
    assert export(client_of(provider_admin), draft).status_code == 404
    assert not ExportJob.objects.exists()
    export(client_of(operator), draft)
    job = ExportJob.objects.get()
    assert job.status == "done" and job.download_name == f"settlement-{draft.pk}.xlsx"
    assert (
        client_of(provider_admin).get(reverse("billing:export_file", args=[job.pk])).status_code
        == 404
    )


@override_settings(TASKS=HELD)
def test_the_card_shows_progress_until_the_file_is_ready(client_of, settlement, operator):
    export(client_of(operator), settlement)
    job = ExportJob.objects.get()
    card = client_of(operator).get(reverse("billing:export", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in card and "<progress" in card
    assert client_of(operator).get(reverse("billing:export_file", args=[job.pk])).status_code == 404
    assert jobs.run_export_job(job.pk) == "done"
    assert jobs.run_export_job(job.pk) == "already claimed"
    card = client_of(operator).get(reverse("billing:export", args=[job.pk])).content.decode()
    assert "hx-trigger" not in card and reverse("billing:export_file", args=[job.pk]) in card

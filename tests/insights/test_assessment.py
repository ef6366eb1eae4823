"""The national assessment export on the hand-built March (conftest.py), read back with openpyxl:
the year's figures per instrument, and one checked row per outside service."""

import io
from datetime import timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.test import override_settings
from django.urls import reverse

from labshare.core import clock
from labshare.core.errors import InvalidInput, NotAllowed
from labshare.insights import assessment, jobs
from labshare.insights.models import AssessmentExport
from labshare.insights.periods import year
from tests.factories import act

HELD = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

pytestmark = pytest.mark.django_db


def read(content: bytes):
    book = openpyxl.load_workbook(io.BytesIO(content))
    instruments, records = book.worksheets
    return (
        list(instruments.iter_rows(min_row=2, values_only=True)),
        list(records.iter_rows(min_row=2, values_only=True)),
    )


def test_the_years_figures_and_service_records(march, reported, sme_member):
    out = io.BytesIO()
    counts = assessment.write_workbook(out, year(2026))
    assert counts == {"instruments": 1, "records": 5, "incomplete": 5}
    instruments, records = read(out.getvalue())
    ((asset, name, quota, effective, outside, rate, _use, _open, booked, services),) = instruments
    # 2026: March 8.5 h and April 2 h; outside 6.5 + 2; four outside jobs began in 2026.
    assert (asset, name) == (march.asset_number, march.name)
    assert Decimal(str(quota)) == Decimal("1400.00")
    assert (Decimal(str(effective)), Decimal(str(outside))) == (Decimal("10.50"), Decimal("8.50"))
    assert Decimal(str(rate)) == Decimal("0.8095") and services == 4
    assert Decimal(str(booked)) == Decimal("8.00")
    first, second, third, night, order = records
    assert first[0] == march.asset_number and Decimal(str(first[1])) == Decimal("600.00")
    assert first[2] == "2026-03-03 09:00 – 2026-03-03 11:00"
    assert (first[4], Decimal(str(first[5])), first[6]) == ("技术", Decimal("2.00"), "机时")
    assert (first[7], first[9], first[10]) == (
        sme_member.full_name,
        sme_member.email,
        "测试科技有限公司",
    )
    assert "经费来源" in first[-1] and "满意度" in first[-1] and "申请人" not in first[-1]
    assert Decimal(str(second[1])) == Decimal("900.00") and Decimal(str(second[5])) == Decimal(
        "1.50"
    )
    assert Decimal(str(third[5])) == Decimal("1.00")  # the corrected minutes
    assert night[2] == "2026-03-31 22:00 – 2026-04-01 02:00" and "申请人" in night[-1]
    assert (order[4], order[5], order[6], order[13]) == ("委托", 2, "个样品", 5)
    assert order[3].startswith(reported.number)
    assert "满意度" not in order[-1] and "经费来源" in order[-1]


def queue(client, provider=None, year=2026):
    data = {"year": year} | ({"provider": provider.pk} if provider else {})
    return client.post(reverse("insights:queue_assessment"), data)


def test_the_workbook_is_written_by_the_worker_for_who_may_see_it(
    client_of, march, operator, provider_admin, provider_org, other_provider_admin
):
    assert queue(client_of(provider_admin), provider_org).status_code == 302
    job = AssessmentExport.objects.get()
    assert (job.status, job.records, job.provider_id) == ("done", 4, provider_org.pk)
    page = client_of(provider_admin).get(reverse("insights:provider", args=[provider_org.pk]))
    file_url = reverse("insights:assessment_file", args=[job.pk])
    assert file_url in page.content.decode()
    response = client_of(provider_admin).get(file_url)
    _instruments, records = read(b"".join(response.streaming_content))
    assert len(records) == 4
    for url in (file_url, reverse("insights:assessment", args=[job.pk])):
        assert client_of(other_provider_admin).get(url).status_code == 404
    assert queue(client_of(other_provider_admin), provider_org).status_code == 404
    assert queue(client_of(provider_admin)).status_code == 403  # the district's
    assert AssessmentExport.objects.count() == 1
    queue(client_of(operator))
    district = AssessmentExport.objects.get(provider=None)
    assert district.records == 4
    assert (
        client_of(provider_admin)
        .get(reverse("insights:assessment_file", args=[district.pk]))
        .status_code
        == 403
    )
    queue(client_of(provider_admin), provider_org)  # a newer workbook replaces the older
    assert AssessmentExport.objects.filter(provider=provider_org).count() == 1
    assert AssessmentExport.objects.get(provider=provider_org).pk != job.pk


@override_settings(TASKS=HELD)
def test_one_workbook_at_a_time_and_a_stalled_one_replaced(march, operator, now):
    first = jobs.queue_assessment(act(operator), None, 2026)
    assert first.status == "queued"
    assert jobs.queue_assessment(act(operator), None, 2026) == first
    now(clock.now() + jobs.STALE + timedelta(minutes=1))
    fresh = jobs.queue_assessment(act(operator), None, 2026)
    first.refresh_from_db()
    assert fresh != first and first.status == "failed"
    assert jobs.run_assessment_job(fresh.pk) == "done"
    assert jobs.run_assessment_job(fresh.pk) == "already claimed"


def test_bad_years_and_outsiders_are_refused(march, operator, outsider, provider_org):
    for bad in (1999, 2099, "abc", ""):
        with pytest.raises(InvalidInput):
            jobs.queue_assessment(act(operator), None, bad)
    with pytest.raises(NotAllowed):
        jobs.queue_assessment(act(outsider), provider_org, 2026)
    with pytest.raises(NotAllowed):
        jobs.queue_assessment(act(outsider), None, 2026)
    assert not AssessmentExport.objects.exists()


def test_the_funding_source_subject_areas_and_satisfaction_given_by_the_user(
    priced, sme_member, sme_org, technician, now
):
    from labshare.booking import services as booking
    from tests.booking.conftest import at

    reservation = booking.request_reservation(
        act(sme_member), priced, sme_org, at(3, 9), at(3, 10), "断口形貌",
        "地方财政资金", ["430", "460"],
    )  # fmt: skip
    booking.approve_reservation(act(technician), reservation)
    now(at(3, 9))
    booking.check_in(act(technician), reservation)
    now(at(3, 10))
    booking.check_out(act(technician), reservation)
    (row,) = assessment.service_records(year(2026))
    assert (row[3], row[11], row[12]) == ("断口形貌", "地方财政资金", "430,460")
    assert "经费来源" not in row[-1] and "学科领域" not in row[-1] and "满意度" in row[-1]
    booking.rate_reservation(act(sme_member), reservation, 4, "准时高效")
    (row,) = assessment.service_records(year(2026))
    assert (row[13], row[14]) == (4, "准时高效") and "满意度" not in row[-1]

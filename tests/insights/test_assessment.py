"""The national assessment export on the hand-built March (conftest.py), read back with openpyxl:
the year's figures per instrument, and one checked row per outside service."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from labshare.insights import assessment
from labshare.insights.periods import year

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


def test_who_may_download_it(
    client_of, march, operator, provider_admin, provider_org, other_provider_admin
):
    url = reverse("insights:provider_assessment", args=[provider_org.pk, 2026])
    response = client_of(provider_admin).get(url)
    assert response.status_code == 200
    _instruments, records = read(b"".join(response.streaming_content))
    assert len(records) == 4
    assert client_of(other_provider_admin).get(url).status_code == 404
    district = reverse("insights:district_assessment", args=[2026])
    assert client_of(provider_admin).get(district).status_code == 403
    assert client_of(operator).get(district).status_code == 200
    assert (
        client_of(operator).get(reverse("insights:district_assessment", args=[2099])).status_code
        == 404
    )

import csv
import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

import labshare.catalog
from labshare.catalog import importer
from labshare.catalog import services as catalog_services
from labshare.catalog.importer import ImportRejected, import_instruments
from labshare.catalog.models import ImportJob, Instrument
from labshare.core.errors import InvalidInput
from labshare.core.models import AuditEvent
from tests.factories import act, make_instrument

TSV = Path(labshare.catalog.__file__).parent / "data" / "nrii_instrument_template_columns.tsv"
with TSV.open(encoding="utf-8", newline="") as handle:
    TEMPLATE = list(csv.DictReader(handle, delimiter="\t"))
HEADERS = [row["header"] for row in TEMPLATE]
GROUPS = [row["group"] for row in TEMPLATE]
VALID = {1: "N-001", 2: "ZC-001", 3: "气相色谱仪", 8: "010501", 11: 85.5}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header(column: int) -> str:
    return HEADERS[column - 1]


def row(overrides: dict | None = None) -> list:
    cells = {**VALID, **(overrides or {})}
    return [cells.get(number) for number in range(1, 41)]


def xlsx(*rows, headers=HEADERS, groups=GROUPS) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for values in ([groups] if groups else []) + [headers, *rows]:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "instruments.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


def run_import(user, org, content: bytes):
    with translation.override("en"):
        return import_instruments(act(user), org, upload(content))


def rejected(user, org, content: bytes) -> ImportRejected:
    with pytest.raises(ImportRejected) as info:
        run_import(user, org, content)
    return info.value


def refused(user, org, content: bytes, name: str = "instruments.xlsx") -> str:
    """The message (in English, so tests read it) of a file refused as a whole."""
    with translation.override("en"):
        with pytest.raises(InvalidInput) as info:
            import_instruments(act(user), org, upload(content, name))
        assert not isinstance(info.value, ImportRejected)
        return str(info.value)


def snapshot(instrument: Instrument) -> dict:
    instrument = Instrument.objects.get(pk=instrument.pk)
    data = model_to_dict(instrument, exclude=["disciplines"])
    data["disciplines"] = sorted(instrument.disciplines.values_list("code", flat=True))
    data["updated_at"] = instrument.updated_at
    return data


@pytest.fixture
def gc(provider_org):
    return make_instrument(
        provider_org,
        "气相色谱仪",
        code="GC-001",
        asset_number="ZC-2019-001",
        class_code="010501",
        original_value=Decimal("125.50"),
        acquisition_date=date(2019, 5, 1),
        source=Instrument.Source.DONATED,
        category=Instrument.Category.SPECIAL,
        customs_supervised=True,
        funding_sources=["中央财政资金", "单位自有资金"],
        discipline_codes=["150", "230"],
        annual_hours=1600,
        specifications="=1+1 不是公式\n第二行",
        name_en="Gas chromatograph",
        customs_declaration_no="090020191234567890",
        customs_item_no="01",
        customs_release_date=date(2019, 4, 20),
        contact_postcode="116024",
        contact_email="gc@example.cn",
        booking_url="https://example.cn/gc",
        running_status=Instrument.RunningStatus.STANDBY,
        hourly_fee=Decimal("200.00"),
        room="A101",
    )


# Export


def test_export_writes_the_template_layout_and_the_instruments(
    client_of, provider_admin, provider_org, gc, other_provider_org
):
    make_instrument(provider_org, "电子天平", code="AA-1")
    retired = make_instrument(provider_org, "旧仪器", code="ZZ-9")
    catalog_services.retire_instrument(act(provider_admin), retired, "报废")
    make_instrument(other_provider_org, "别家的仪器", code="GC-002")
    response = client_of(provider_admin).get(reverse("catalog:instrument_export"))
    assert response["Content-Type"] == XLSX
    today = timezone.localdate().strftime("%Y%m%d")
    assert f'filename="instruments-TSTU-{today}.xlsx"' in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert (sheet["A1"].value, sheet["AF1"].value, sheet["AK1"].value) == (
        "仪器基本信息",
        "联系人信息",
        "海关管理",
    )
    assert {str(r) for r in sheet.merged_cells.ranges} == {"A1:AE1", "AF1:AJ1", "AK1:AN1"}
    assert [cell.value for cell in sheet[2]] == HEADERS
    assert [sheet.cell(row=r, column=1).value for r in range(3, sheet.max_row + 1)] == [
        "AA-1",
        "GC-001",
    ]
    values = {cell.column: cell.value for cell in sheet[4]}
    assert [values[n] for n in (2, 8, 9, 10, 15)] == ["ZC-2019-001", "010501", "赠送", "是", "专用"]
    assert values[11] == 125.5 and sheet["K4"].number_format == "0.00"
    assert (values[14], values[39]) == ("2019-05-01", "2019-04-20")
    assert values[19] == "化学，畜牧、兽医科学"
    assert values[20] == "中央财政资金，单位自有资金"
    assert (values[23], values[26], values[31]) == (1600, "https://example.cn/gc", None)
    assert (values[37], values[38], values[36]) == ("090020191234567890", "01", "116024")
    assert sheet["Q4"].data_type == "s" and values[17] == "=1+1 不是公式\n第二行"


def test_export_then_import_changes_nothing(client_of, provider_admin, provider_org, gc):
    other = make_instrument(
        provider_org, "（全角）名称 Ｘ", code="B-7", discipline_codes=[], publish=False
    )
    before = [snapshot(gc), snapshot(other)]
    content = client_of(provider_admin).get(reverse("catalog:instrument_export")).content
    result = run_import(provider_admin, provider_org, content)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert [snapshot(gc), snapshot(other)] == before
    assert Instrument.objects.filter(organization=provider_org).count() == 2


# Import: creating, updating, normalising


def test_import_creates_drafts_and_updates_by_instrument_number(provider_admin, provider_org, gc):
    changed = row(
        {1: "GC-001", 2: "ZC-2019-001", 3: "气相色谱仪（新）", 19: "材料科学", 20: "其他资金"}
    )
    new = row({1: "NEW-1", 2: "ZC-NEW", 19: "材料科学，化学", 20: "中央财政资金、地方财政资金"})
    result = run_import(provider_admin, provider_org, xlsx(changed, new))
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    gc.refresh_from_db()
    assert gc.name == "气相色谱仪（新）" and gc.funding_sources == ["其他资金"]
    assert set(gc.disciplines.values_list("code", flat=True)) == {"430"}
    # Fields outside the template keep their values.
    assert (gc.running_status, gc.hourly_fee, gc.room, gc.is_published) == (
        "standby",
        Decimal("200.00"),
        "A101",
        True,
    )
    created = Instrument.objects.get(organization=provider_org, code="NEW-1")
    assert (
        not created.is_published and created.province == "辽宁省" and created.source == "purchase"
    )
    assert set(created.disciplines.values_list("code", flat=True)) == {"430", "150"}
    assert created.funding_sources == ["中央财政资金", "地方财政资金"]
    event = AuditEvent.objects.get(verb="instrument.imported")
    assert event.data == {"created": 1, "updated": 1}


@pytest.mark.parametrize(
    ("column", "cell", "field", "expected"),
    [
        (8, "10501", "instrument_class_id", "010501"),
        (8, 10501, "instrument_class_id", "010501"),
        (8, 10501.0, "instrument_class_id", "010501"),
        (11, "１２５．５０", "original_value", Decimal("125.50")),
        (11, " 1,125.5万元 ", "original_value", Decimal("1125.50")),
        (11, 99.999, "original_value", Decimal("100.00")),
        (14, datetime(2019, 5, 1), "acquisition_date", date(2019, 5, 1)),
        (14, "2019-05-01", "acquisition_date", date(2019, 5, 1)),
        (14, "2019/5/1", "acquisition_date", date(2019, 5, 1)),
        (14, "2019.5.1", "acquisition_date", date(2019, 5, 1)),
        (14, "2019年5月1日", "acquisition_date", date(2019, 5, 1)),
        (14, "２０１９－０５－０１", "acquisition_date", date(2019, 5, 1)),
        (39, "2019-05-01 00:00:00", "customs_release_date", date(2019, 5, 1)),
        (3, "\xa0 气相色谱仪 \u3000", "name", "气相色谱仪"),
        (23, 1600.0, "annual_hours", 1600),
        (23, "１６００", "annual_hours", 1600),
        (2, 20190001.0, "asset_number", "20190001"),
        (10, "是", "customs_supervised", True),
        (9, "研制", "source", "developed"),
        (15, " 专用 ", "category", "special"),
        (20, "中央财政资金，单位自有资金", "funding_sources", ["中央财政资金", "单位自有资金"]),
        (34, "ｇｃ＠example.cn", "contact_email", "gc@example.cn"),
        (36, 116024, "contact_postcode", "116024"),
        (37, 90020191234567, "customs_declaration_no", None),
        (37, "90020191234567890", "customs_declaration_no", "090020191234567890"),
        (38, 1, "customs_item_no", "01"),
        (26, "www.example.cn/book", "booking_url", "http://www.example.cn/book"),
    ],
)
def test_import_normalises_hand_filled_cells(
    provider_admin, provider_org, column, cell, field, expected
):
    content = xlsx(row({column: cell}))
    if expected is None:  # a 14-digit number cannot be an 18-digit declaration number
        assert rejected(provider_admin, provider_org, content).errors[0].column == header(column)
        return
    run_import(provider_admin, provider_org, content)
    instrument = Instrument.objects.get(organization=provider_org, code="N-001")
    assert getattr(instrument, field) == expected


@pytest.mark.parametrize(
    ("cell", "codes"),
    [
        ("化学、材料科学", {"150", "430"}),
        ("150，430", {"150", "430"}),
        ("化学; 材料科学；", {"150", "430"}),
        ("畜牧、兽医科学、化学", {"230", "150"}),
        ("１５０, 化学", {"150"}),
    ],
)
def test_import_reads_discipline_lists(provider_admin, provider_org, cell, codes):
    run_import(provider_admin, provider_org, xlsx(row({19: cell})))
    instrument = Instrument.objects.get(organization=provider_org, code="N-001")
    assert set(instrument.disciplines.values_list("code", flat=True)) == codes


# Import: refusing bad rows


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        (8, "019999"),
        (8, "010500"),
        (8, "abc"),
        (19, "炼金术"),
        (19, "110,120,130,140,150"),
        (20, "银行贷款"),
        (14, "2019-13-01"),
        (14, "昨天"),
        (11, "-5"),
        (11, "一百万"),
        (11, "1e30"),
        (11, 12345678901.5),
        (23, 10**12),
        (31, 8785),
        (23, "1600.5"),
        (23, -3),
        (17, "字" * 501),
        (18, "字" * 301),
        (21, "字" * 201),
        (1, None),
        (2, " "),
        (3, None),
        (8, None),
        (11, None),
        (37, "12345"),
        (38, "123"),
        (34, "not-an-email"),
        (9, "租赁"),
        (10, "也许"),
        (26, "not a url"),
        (36, "1160"),
    ],
)
def test_import_refuses_a_cell_wrong_in_substance(provider_admin, provider_org, column, cell):
    errors = rejected(provider_admin, provider_org, xlsx(row({column: cell}))).errors
    assert [(e.row, e.column) for e in errors] == [(3, header(column))]
    assert errors[0].message
    assert not Instrument.objects.exists()


def test_one_bad_row_in_200_writes_nothing(provider_admin, provider_org, gc):
    rows = [row({1: f"N-{n}", 2: f"ZC-{n}"}) for n in range(200)]
    rows.insert(100, row({1: "BAD", 2: "ZC-BAD", 8: "019999"}))
    errors = rejected(provider_admin, provider_org, xlsx(*rows)).errors
    assert [(e.row, e.column) for e in errors] == [(103, header(8))]
    assert Instrument.objects.count() == 1
    assert not AuditEvent.objects.filter(verb="instrument.imported").exists()


def test_every_bad_row_is_listed(provider_admin, provider_org, gc):
    rows = [
        row({1: "A", 2: "ZC-A", 14: "昨天"}),
        row({1: "B", 2: "ZC-B"}),
        row({1: "A", 2: "ZC-C", 11: "-1"}),
        row({1: "D", 2: "ZC-2019-001"}),
    ]
    with translation.override("en"):
        rejection = rejected(provider_admin, provider_org, xlsx(*rows))
    found = [(e.row, e.column) for e in rejection.errors]
    assert found == [(3, header(14)), (5, header(1)), (5, header(11)), (6, header(2))]
    assert "row 3" in rejection.errors[1].message and "GC-001" in rejection.errors[3].message
    assert "3 rows have errors" in rejection.message


def test_a_row_the_service_refuses_rolls_back_the_whole_file(provider_admin, provider_org):
    first = make_instrument(provider_org, code="C1", asset_number="X")
    make_instrument(provider_org, code="C2", asset_number="Y")
    rows = [row({1: "NEW", 2: "Z"}), row({1: "C1", 2: "Y"}), row({1: "C2", 2: "X"})]
    errors = rejected(provider_admin, provider_org, xlsx(*rows)).errors
    assert [(e.row, e.column) for e in errors] == [(4, header(2)), (5, header(2))]
    assert not Instrument.objects.filter(code="NEW").exists()
    assert Instrument.objects.get(pk=first.pk).asset_number == "X"


# Import: refusing bad files


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "PNG")
    return buffer.getvalue()


def zipped(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name.replace("__", "/"), data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        "仪器编号,名称\nN-1,天平\n".encode(),
        b"just some text",
        png(),
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,  # an old .xls (OLE2)
        zipped(word__document_xml=b"<w/>"),
    ],
    ids=["csv", "text", "png", "pdf", "xls", "zip"],
)
def test_a_file_that_is_not_xlsx_is_refused(provider_admin, provider_org, content):
    assert "not an Excel workbook" in refused(provider_admin, provider_org, content)


def test_a_damaged_xlsx_is_refused(provider_admin, provider_org):
    content = zipped(**{"[Content_Types].xml": b"<broken", "xl__workbook.xml": b"<broken"})
    assert "could not be read" in refused(provider_admin, provider_org, content)


def test_empty_workbook_and_header_only_file_are_refused(provider_admin, provider_org):
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    assert "empty" in refused(provider_admin, provider_org, buffer.getvalue())
    assert "no instruments" in refused(provider_admin, provider_org, xlsx())


def test_unknown_and_missing_header_columns_are_named(provider_admin, provider_org):
    headers = [*HEADERS[:4], "备注", *HEADERS[5:], "自定义列"]
    errors = rejected(provider_admin, provider_org, xlsx(row(), headers=headers)).errors
    assert {(e.row, e.column, e.letter) for e in errors} == {
        (2, "备注", "E"),
        (2, "自定义列", "AO"),
        (2, header(5), "E"),
    }


def test_misordered_headers_are_named(provider_admin, provider_org):
    headers = [*HEADERS[:2], HEADERS[3], HEADERS[2], *HEADERS[4:]]
    with translation.override("en"):
        errors = rejected(provider_admin, provider_org, xlsx(row(), headers=headers)).errors
    assert [(e.column, e.letter) for e in errors] == [(header(3), "C"), (header(4), "D")]
    assert "column D" in errors[0].message


def test_headers_on_row_1_are_explained(provider_admin, provider_org):
    assert "row 1" in refused(provider_admin, provider_org, xlsx(row(), groups=None))


def test_a_file_over_the_size_cap_is_refused(settings, provider_admin, provider_org):
    settings.UPLOAD_MAX_BYTES = 1000
    assert "larger than" in refused(provider_admin, provider_org, xlsx(row()))


def test_a_file_with_too_many_rows_is_refused(monkeypatch, provider_admin, provider_org):
    monkeypatch.setattr(importer, "MAX_ROWS", 3)
    rows = [row({1: f"N-{n}", 2: f"ZC-{n}"}) for n in range(4)]
    assert "more than 3 instruments" in refused(provider_admin, provider_org, xlsx(*rows))
    assert not Instrument.objects.exists()


# Views


@pytest.mark.parametrize("name", ["instrument_import", "instrument_export"])
@pytest.mark.parametrize(
    ("persona", "status"), [("provider_member", 403), ("outsider", 403), ("sme_admin", 403)]
)
def test_only_provider_staff_reach_import_and_export(request, client_of, name, persona, status):
    client = client_of(request.getfixturevalue(persona))
    assert client.get(reverse(f"catalog:{name}")).status_code == status


@pytest.mark.parametrize("name", ["instrument_import", "instrument_export"])
def test_anonymous_is_sent_to_log_in(client, name):
    response = client.get(reverse(f"catalog:{name}"))
    assert response.status_code == 302
    assert response.url.startswith(resolve_url("accounts:login"))


def test_provider_admin_imports_through_the_page(client_of, provider_admin, provider_org):
    """The upload queues a job (here the task runs at once); the job page shows the outcome."""
    client = client_of(provider_admin)
    page = client.get(reverse("catalog:instrument_import"))
    assert page.status_code == 200 and 'type="file"' in page.content.decode()
    assert reverse("catalog:instrument_export") in page.content.decode()
    response = client.post(
        reverse("catalog:instrument_import"), {"file": upload(xlsx(row()))}, follow=True
    )
    job = ImportJob.objects.get()
    assert response.redirect_chain == [(reverse("catalog:import_job", args=[job.pk]), 302)]
    assert (job.status, job.created, job.rows_total, job.rows_checked) == ("done", 1, 1, 1)
    assert 'id="import-done"' in response.content.decode()
    assert "hx-trigger" not in response.content.decode()  # finished: no more polling
    assert not Instrument.objects.get(organization=provider_org, code="N-001").is_published
    assert not job.file  # the spreadsheet is not kept


def test_technician_can_import(client_of, technician, provider_org):
    response = client_of(technician).post(
        reverse("catalog:instrument_import"), {"file": upload(xlsx(row()))}
    )
    assert response.status_code == 302
    assert Instrument.objects.filter(organization=provider_org, code="N-001").exists()


def test_rejected_import_shows_every_bad_row(client_of, provider_admin):
    content = xlsx(row({8: "019999"}), row({1: "N-2", 2: "ZC-2", 11: "-5"}))
    response = client_of(provider_admin).post(
        reverse("catalog:instrument_import"), {"file": upload(content)}, follow=True
    )
    assert response.status_code == 200
    table = response.content.decode().split('id="import-errors"')[1]
    cells = re.findall(r"<td>(.*?)</td>", table)
    assert cells[0::3] == ["3", "4"]
    assert cells[1::3] == [f"H · {header(8)}", f"K · {header(11)}"]
    assert not Instrument.objects.exists()
    assert ImportJob.objects.get().status == "rejected"


def test_a_running_job_page_polls_and_shows_progress(client_of, provider_admin, provider_org):
    job = ImportJob.objects.create(
        organization=provider_org,
        created_by=provider_admin,
        status="checking",
        rows_total=5000,
        rows_checked=1200,
    )
    url = reverse("catalog:import_job", args=[job.pk])
    partial = client_of(provider_admin).get(url, HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert "<html" not in html and 'hx-trigger="every 1s"' in html
    assert "已检查 1200 / 5000 行" in html


@pytest.mark.parametrize(("persona", "status"), [("outsider", 404), ("provider_member", 403)])
def test_only_the_providers_staff_see_an_import_job(
    request, client_of, provider_admin, provider_org, persona, status
):
    job = ImportJob.objects.create(organization=provider_org, created_by=provider_admin)
    url = reverse("catalog:import_job", args=[job.pk])
    assert client_of(request.getfixturevalue(persona)).get(url).status_code == status


def test_a_non_xlsx_upload_shows_a_message_not_an_error_page(client_of, provider_admin):
    response = client_of(provider_admin).post(
        reverse("catalog:instrument_import"), {"file": upload(b"a,b\n1,2\n", "list.xlsx")}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not ImportJob.objects.exists()  # refused before any job was queued


def test_a_short_discipline_name_is_accepted_when_it_names_one_discipline(
    provider_admin, provider_org
):
    run_import(provider_admin, provider_org, xlsx(row({1: "SD-1", 19: "环境科学技术，材料科学"})))
    codes = set(Instrument.objects.get(code="SD-1").disciplines.values_list("code", flat=True))
    assert "610" in codes and len(codes) == 2


@pytest.mark.parametrize("cell", ["科学", "61", "化"])
def test_an_ambiguous_or_partial_code_is_still_refused(provider_admin, provider_org, cell):
    error = rejected(provider_admin, provider_org, xlsx(row({1: "SD-2", 19: cell})))
    assert error.errors and not Instrument.objects.filter(code="SD-2").exists()

"""Hostile and damaged workbooks: nothing is lost silently, and no file keeps a worker busy."""

import io
import re
import zipfile

import pytest
from django.utils import translation

from labshare.catalog import importer
from labshare.catalog.models import Instrument
from labshare.core.errors import InvalidInput
from tests.catalog.test_import_export import refused, rejected, row, run_import, upload, xlsx

SHEET = "xl/worksheets/sheet1.xml"


def rewritten(content: bytes, member: str, change) -> bytes:
    """The workbook with one member's XML passed through change (other members as they were)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info.filename, change(data) if info.filename == member else data)
    return buffer.getvalue()


def with_rows_xml(content: bytes, rows_xml: bytes) -> bytes:
    """The workbook with extra <row> elements appended to the sheet's data."""
    return rewritten(
        content, SHEET, lambda xml: xml.replace(b"</sheetData>", rows_xml + b"</sheetData>")
    )


def numbered_rows(count: int) -> list:
    return [row({1: f"N-{n:04d}", 2: f"ZC-{n:04d}"}) for n in range(count)]


def test_a_sheet_whose_dimension_understates_it_loses_no_row(provider_admin, provider_org):
    content = xlsx(*numbered_rows(5))
    lying = rewritten(
        content,
        SHEET,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:AN3"', xml),
    )
    assert b'ref="A1:AN3"' in zipfile.ZipFile(io.BytesIO(lying)).read(SHEET)
    result = run_import(provider_admin, provider_org, lying)
    assert result.created == 5
    assert Instrument.objects.filter(organization=provider_org).count() == 5


def test_a_sheet_whose_dimension_overstates_it_is_read_to_its_real_end(
    provider_admin, provider_org
):
    content = xlsx(*numbered_rows(2))
    bloated = rewritten(
        content,
        SHEET,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml),
    )
    assert run_import(provider_admin, provider_org, bloated).created == 2


def test_a_cell_right_of_the_template_is_refused_not_dropped(provider_admin, provider_org):
    cells = row() + [None] * 5 + ["遗漏的备注"]  # column AT, far right of the template's 40
    errors = rejected(provider_admin, provider_org, xlsx(cells)).errors
    assert [(e.row, e.letter) for e in errors] == [(3, "AT")]
    assert not Instrument.objects.exists()


def test_a_zip_bomb_is_refused_by_its_directory_before_it_is_unpacked(provider_admin, provider_org):
    padding = b" " * (importer.MAX_UNPACKED_BYTES + 1)
    bomb = with_rows_xml(xlsx(row()), padding)
    assert len(bomb) < 2**20  # a small upload that would unpack beyond the cap
    assert "too large once unpacked" in refused(provider_admin, provider_org, bomb)


def blank_string_rows(rows: int, columns: int, cell: bytes) -> bytes:
    line = cell * columns
    return b"".join(b'<row r="%d">%s</row>' % (number, line) for number in range(4, rows + 4))


@pytest.mark.parametrize(
    "blank",
    [b'<c t="inlineStr"><is><t> </t></is></c>', b'<c t="str"><v> </v></c>'],
    ids=["inline", "compact"],
)
def test_a_sheet_of_20000_by_120_blank_strings_is_refused_before_any_worker(
    provider_admin, provider_org, blank
):
    """However it is written, the sheet unpacks beyond the cap: the upload's own check (run in
    the request, before a job is queued) refuses it from the zip directory."""
    content = with_rows_xml(xlsx(row()), blank_string_rows(20_000, 120, blank))
    with translation.override("en"):
        with pytest.raises(InvalidInput) as refusal:
            importer.check_upload(upload(content))
        assert "too large once unpacked" in str(refusal.value)
    assert "too large once unpacked" in refused(provider_admin, provider_org, content)
    assert not Instrument.objects.exists()


def test_a_bloated_sheet_under_the_size_cap_is_stopped_by_the_cell_cap(
    provider_admin, provider_org
):
    """20,000 × 80 compact blank cells stay under the size cap; the cell cap stops the read."""
    blank = b'<c t="str"><v> </v></c>'
    content = with_rows_xml(xlsx(row()), blank_string_rows(20_000, 80, blank))
    unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(content)).infolist())
    assert unpacked < importer.MAX_UNPACKED_BYTES
    importer.check_upload(upload(content))  # passes the request's check …
    assert "too large once unpacked" in refused(
        provider_admin, provider_org, content
    )  # … not the read
    assert not Instrument.objects.exists()


def test_reading_stops_at_the_time_cap(monkeypatch, provider_admin, provider_org):
    monkeypatch.setattr(importer, "MAX_READ_SECONDS", -1)
    assert "too large once unpacked" in refused(provider_admin, provider_org, xlsx(row()))


@pytest.mark.parametrize("rows", [1, 3])
def test_the_caps_leave_a_full_template_file_alone(provider_admin, provider_org, rows):
    assert run_import(provider_admin, provider_org, xlsx(*numbered_rows(rows))).created == rows


def test_new_instruments_are_written_in_batches_not_row_by_row(provider_admin, provider_org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def new_rows(prefix: str, count: int) -> bytes:
        return xlsx(*[row({1: f"{prefix}-{n:04d}", 2: f"Z{prefix}-{n:04d}"}) for n in range(count)])

    run_import(provider_admin, provider_org, new_rows("A", 2))  # the provider has instruments
    with CaptureQueriesContext(connection) as few:
        run_import(provider_admin, provider_org, new_rows("B", 5))
    with CaptureQueriesContext(connection) as many:
        run_import(provider_admin, provider_org, new_rows("C", 60))
    # 55 more rows cost a handful of statements more, not dozens: SQLite caps the parameters of
    # one statement, so an INSERT there holds about 20 instruments (PostgreSQL: 500).
    assert len(many) - len(few) <= 5
    assert Instrument.objects.filter(organization=provider_org).count() == 67

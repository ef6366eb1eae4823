"""Import instruments from an xlsx file in the national template, all or nothing.

First the whole file is read and every row checked; any bad cell → ImportRejected listing every bad
row, nothing written. Then each row goes through create_instrument / update_instrument in one
transaction; a row the services still refuse is reported the same way and everything rolls back.
"""

import time
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from openpyxl.utils import get_column_letter

from labshare.accounts.models import Organization
from labshare.catalog import services
from labshare.catalog.models import Instrument
from labshare.catalog.nrii import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    OMIT,
    CellError,
    CellValue,
    Column,
    Reference,
    column_for_field,
    columns,
)
from labshare.core.actors import Actor, Channel, require_actor
from labshare.core.audit import record
from labshare.core.errors import DomainError, InvalidInput

MAX_ROWS = 5000  # data rows per file
# Guards against bloated and hostile sheets. A full 5,000-row file in the template is about
# 200,000 cells and up to 30 MB unpacked; these leave room for that and refuse what is far beyond.
MAX_SCANNED_ROWS = 20_000  # rows read at all, blank ones included
MAX_CELLS = 600_000  # cells read at all, blank ones included
MAX_READ_SECONDS = 60  # time spent reading the sheet
MAX_UNPACKED_BYTES = 40 * 2**20  # zip-bomb guard: total uncompressed size of the workbook
MAX_ZIP_ENTRIES = 1000
TOO_LARGE = gettext_lazy(
    "The workbook is too large once unpacked; delete unused sheets and rows and try again."
)
XLSX_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml")
NOT_XLSX = gettext_lazy(
    "This file is not an Excel workbook (.xlsx). "
    "In Excel, save it as “Excel Workbook (*.xlsx)” and upload it again."
)
UNREADABLE = gettext_lazy(
    "The workbook could not be read. Open it in Excel, save it again as .xlsx and upload it again."
)

Cells = tuple[CellValue, ...]


@dataclass(frozen=True)
class RowError:
    row: int  # the Excel row number: the header row is 2, the first data row 3
    column: str  # the template header, or "" when the error concerns the whole row
    message: str
    letter: str = ""


class ImportRejected(InvalidInput):
    """The file was refused; `errors` lists every bad cell."""

    def __init__(self, errors: list[RowError], message: str | None = None):
        self.errors = errors
        rows = len({error.row for error in errors})
        if message is None:
            message = ngettext(
                "Nothing was imported: %(count)d row has errors. Correct it and upload the file again.",
                "Nothing was imported: %(count)d rows have errors. Correct them and upload the file again.",
                rows,
            ) % {"count": rows}
        super().__init__(message, field="file")


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class ParsedRow:
    number: int
    fields: dict[str, Any]  # keyword arguments for create_instrument / update_instrument


def import_instruments(
    actor: Actor, organization: Organization, uploaded_file, progress=None
) -> ImportResult:
    """Create or update the provider's instruments from the file, matched by instrument number.

    New instruments are unpublished drafts. Raises InvalidInput for a file that is not a usable
    workbook and ImportRejected (with every bad row) when any row is wrong; nothing is written then.
    The audit log shows each change as coming from an import. `progress(checked, total)`, when
    given, hears how far the check has come, and (None, total) when saving starts.
    """
    actor = require_actor(actor).via(Channel.IMPORT)
    services.ensure_provider_staff(actor, organization)
    existing = {
        instrument.code: instrument
        for instrument in Instrument.objects.filter(organization=organization)
        .select_related("instrument_class")
        .prefetch_related("disciplines")
    }
    rows = parse_rows(read_rows(uploaded_file), existing, progress)
    if progress is not None:
        progress(None, len(rows))
    with transaction.atomic():
        result = _write(actor, organization, rows, existing)
        record(
            actor,
            "instrument.imported",
            organization,
            created=result.created,
            updated=result.updated,
        )
    return result


def check_upload(uploaded_file) -> None:
    """What costs nothing to check: the size, and the zip directory of the workbook (a zip bomb
    is refused here, before anything is unpacked)."""
    uploaded_file.seek(0, 2)
    size = uploaded_file.tell()
    if size > settings.UPLOAD_MAX_BYTES:
        raise InvalidInput(
            _("The file is larger than the limit of %(limit)s.")
            % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            field="file",
        )
    _check_is_xlsx(uploaded_file)


def read_rows(uploaded_file) -> list[tuple[int, Cells]]:
    """The non-blank data rows with their Excel row numbers, after checking the file and its headers."""
    check_upload(uploaded_file)
    uploaded_file.seek(0)
    try:
        workbook = openpyxl.load_workbook(uploaded_file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors for damaged files
        raise InvalidInput(UNREADABLE, field="file") from exc
    try:
        group_row, header, data = _read_sheet(workbook.worksheets[0])
    except DomainError:
        raise
    except Exception as exc:
        raise InvalidInput(UNREADABLE, field="file") from exc
    finally:
        workbook.close()
    _check_header(group_row, header, bool(data))
    if not data:
        raise InvalidInput(
            _("The file contains no instruments; fill them in from row 3 of the template."),
            field="file",
        )
    return data


def _check_is_xlsx(uploaded_file) -> None:
    """By content: an xlsx is a zip holding the workbook parts; size and entry caps guard against bombs."""
    not_xlsx = InvalidInput(NOT_XLSX, field="file")
    uploaded_file.seek(0)
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise not_xlsx from exc
    names = {entry.filename for entry in entries}
    if not all(member in names for member in XLSX_MEMBERS):
        raise not_xlsx
    if (
        len(entries) > MAX_ZIP_ENTRIES
        or sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES
    ):
        raise InvalidInput(TOO_LARGE, field="file")


def _read_sheet(sheet) -> tuple[Cells, Cells, list[tuple[int, Cells]]]:
    """Rows 1 and 2, and the non-blank rows below them; stops early on oversized sheets.

    The sheet's `dimension` element is not trusted: read-only openpyxl stops at the row it names,
    so a file that understates it would lose rows silently. Every row the sheet holds is read, and
    the work is capped by rows, cells and seconds instead.
    """
    sheet.reset_dimensions()
    width = len(columns())
    head: list[Cells] = [(), ()]
    data: list[tuple[int, Cells]] = []
    outside: list[RowError] = []
    cells = 0
    deadline = time.monotonic() + MAX_READ_SECONDS
    for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
        cells += len(values)
        if number > MAX_SCANNED_ROWS:
            raise InvalidInput(
                _("The sheet has more than %(limit)d rows; delete the empty rows below the data.")
                % {"limit": MAX_SCANNED_ROWS},
                field="file",
            )
        if cells > MAX_CELLS or time.monotonic() > deadline:
            raise InvalidInput(TOO_LARGE, field="file")
        if number < FIRST_DATA_ROW:
            head[number - 1] = _padded(values, max(width + 1, min(len(values), 2 * width)))
        elif any(map(_filled, values)):
            outside.extend(_cells_outside_template(number, values, width))
            data.append((number, _padded(values, width)))
            if len(data) > MAX_ROWS:
                raise InvalidInput(
                    _("The file has more than %(limit)d instruments; split it into several files.")
                    % {"limit": MAX_ROWS},
                    field="file",
                )
    if outside:
        raise ImportRejected(outside)
    return head[0], head[1], data


def _padded(values: tuple, width: int) -> Cells:
    """The row's first `width` cells, blanks added where the row is shorter."""
    values = tuple(values[:width])
    return values + (None,) * (width - len(values))


def _cells_outside_template(number: int, values: tuple, width: int) -> Iterator[RowError]:
    """A data row's filled cells right of the template: refused, for nothing may vanish unread."""
    message = _("This cell is right of the template's last column; move or delete it.")
    for index in range(width, len(values)):
        if _filled(values[index]):
            yield RowError(number, "", message, get_column_letter(index + 1))


def _filled(value: CellValue) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def _header_keys(values: Cells) -> list[str]:
    keys = ["".join(unicodedata.normalize("NFKC", str(value or "")).split()) for value in values]
    while keys and not keys[-1]:
        keys.pop()
    return keys


def _check_header(group_row: Cells, header: Cells, has_data: bool) -> None:
    """Row 2 must hold the template's headers in its order; every difference is reported."""
    if not any(map(_filled, group_row + header)) and not has_data:
        raise InvalidInput(_("The workbook is empty."), field="file")
    template = dict(zip(_header_keys(c.header for c in columns()), columns(), strict=True))
    found = _header_keys(header)
    if found == list(template):
        return
    if _header_keys(group_row) == list(template):
        raise InvalidInput(
            _("The headers are on row 1; keep the group names on row 1 and the headers on row 2."),
            field="file",
        )
    if not found:
        raise InvalidInput(
            _("Row 2 has no column headers; start from the national template or from an export."),
            field="file",
        )
    unknown = _("This column is not in the national template.")
    errors = [
        RowError(HEADER_ROW, str(header[index]).strip(), unknown, get_column_letter(index + 1))
        for index, key in enumerate(found)
        if key and key not in template
    ]
    for key, column in template.items():
        if found[column.number - 1 : column.number] == [key]:
            continue
        if key in found:
            message = _(
                "This column is in column %(found)s; the template has it in column %(expected)s."
            ) % {"found": get_column_letter(found.index(key) + 1), "expected": column.letter}
        else:
            message = _("This column is missing; the template has it in column %(expected)s.") % {
                "expected": column.letter
            }
        errors.append(RowError(HEADER_ROW, column.header, message, column.letter))
    raise ImportRejected(
        errors,
        _("The column headers on row 2 do not match the national template; nothing was imported."),
    )


PROGRESS_EVERY = 100  # rows between progress reports


def parse_rows(
    data: list[tuple[int, Cells]], existing: dict[str, Instrument], progress=None
) -> list[ParsedRow]:
    """Every row as service arguments, or ImportRejected listing every bad cell of every row."""
    ref = Reference.load()
    errors: list[RowError] = []
    parsed: list[ParsedRow] = []
    for number, values in data:
        fields = {}
        for column in columns():
            try:
                value = column.parse(values[column.number - 1], ref)
            except CellError as exc:
                errors.append(RowError(number, column.header, str(exc), column.letter))
            else:
                if value is not OMIT:
                    fields[column.field] = value
        parsed.append(ParsedRow(number, fields))
        if progress is not None and len(parsed) % PROGRESS_EVERY == 0:
            progress(len(parsed), len(data))
    if progress is not None:
        progress(len(parsed), len(data))
    errors.extend(_cross_row_errors(parsed, existing))
    if errors:
        raise ImportRejected(
            sorted(errors, key=lambda error: (error.row, len(error.letter), error.letter))
        )
    return parsed


def _cross_row_errors(rows: list[ParsedRow], existing: dict[str, Instrument]) -> Iterator[RowError]:
    """Numbers repeated in the file, retired instruments, asset numbers owned by other instruments."""
    code_column, asset_column = column_for_field("code"), column_for_field("asset_number")
    asset_owner = {instrument.asset_number: code for code, instrument in existing.items()}
    file_codes = {row.fields.get("code") for row in rows}
    seen_codes: dict[str, int] = {}
    seen_assets: dict[str, int] = {}
    for row in rows:
        code, asset = row.fields.get("code"), row.fields.get("asset_number")
        if code in seen_codes:
            message = _("Instrument number %(code)s also appears in row %(row)d.")
            yield _error(row, code_column, message % {"code": code, "row": seen_codes[code]})
        elif code in existing and existing[code].retired_at:
            message = _(
                "Instrument number %(code)s belongs to a retired instrument; it cannot be imported."
            )
            yield _error(row, code_column, message % {"code": code})
        if asset in seen_assets:
            message = _("Asset number %(number)s also appears in row %(row)d.")
            yield _error(row, asset_column, message % {"number": asset, "row": seen_assets[asset]})
        elif asset_owner.get(asset, code) not in (code, *file_codes):
            message = _(
                "Asset number %(number)s already belongs to instrument %(code)s of this provider."
            )
            yield _error(row, asset_column, message % {"number": asset, "code": asset_owner[asset]})
        if code:
            seen_codes.setdefault(code, row.number)
        if asset:
            seen_assets.setdefault(asset, row.number)


def _error(row: ParsedRow, column: Column | None, message: str) -> RowError:
    if column is None:
        return RowError(row.number, "", message)
    return RowError(row.number, column.header, message, column.letter)


def _write(
    actor: Actor, organization: Organization, rows: list[ParsedRow], existing: dict[str, Instrument]
) -> ImportResult:
    """Known instruments through update_instrument row by row (each call a savepoint, so later
    rows are still checked), new ones in one batch; every refusal is reported with its row."""
    errors = []
    updated = 0
    for row in rows:
        instrument = existing.get(row.fields["code"])
        if instrument is None:
            continue
        fields = dict(row.fields)
        disciplines = fields.pop("disciplines", None)
        if not services.changed_fields(instrument, fields, disciplines):
            continue  # a row as it is in the catalogue: nothing to lock or write
        try:
            services.update_instrument(actor, instrument, disciplines=disciplines, **fields)
            updated += 1
        except DomainError as error:
            errors.append(_error(row, column_for_field(error.field), str(error.message)))
    new_rows = [row for row in rows if row.fields["code"] not in existing]
    drafts = []
    for row in new_rows:
        fields = dict(row.fields)
        drafts.append((fields, fields.pop("disciplines", [])))
    refusals = []
    if errors:  # nothing will be written: only say what else is wrong
        refusals = services.check_new_instruments(organization, drafts)[1]
    elif drafts:
        try:
            services.create_instruments(actor, organization, drafts)
        except services.DraftsRefused as refused:
            refusals = refused.refusals
    for index, error in refusals:
        row = new_rows[index]
        errors.append(_error(row, column_for_field(error.field), str(error.message)))
    if errors:
        raise ImportRejected(sorted(errors, key=lambda error: error.row))
    return ImportResult(len(drafts), updated, len(rows) - len(drafts) - updated)

"""Export a provider's instruments as an xlsx file in the national template.

The file is also the best starting point for an import: edit it in Excel and upload it again.
"""

import itertools
from collections.abc import Iterable
from datetime import date
from io import BytesIO
from operator import attrgetter

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from labshare.accounts.models import Organization
from labshare.catalog.models import Instrument
from labshare.catalog.nrii import FIRST_DATA_ROW, GROUP_ROW, HEADER_ROW, columns

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMN_WIDTH = 18


def instruments_for_export(organization: Organization) -> QuerySet[Instrument]:
    """The provider's instruments still in service, by instrument number."""
    return (
        Instrument.objects.filter(organization=organization, retired_at__isnull=True)
        .select_related("instrument_class")
        .prefetch_related("disciplines")
        .order_by("code")
    )


def export_filename(organization: Organization, day: date) -> str:
    return f"instruments-{organization.code or organization.pk}-{day:%Y%m%d}.xlsx"


def write_workbook(instruments: Iterable[Instrument]) -> bytes:
    """Group names on row 1 (merged over each group), headers on row 2, one instrument per row below."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Instruments")
    bold = Font(bold=True)
    for group, members in itertools.groupby(columns(), key=attrgetter("group")):
        members = list(members)
        first, last = members[0].number, members[-1].number
        cell = sheet.cell(row=GROUP_ROW, column=first, value=group)
        cell.font, cell.alignment = bold, Alignment(horizontal="center")
        if last > first:
            sheet.merge_cells(
                start_row=GROUP_ROW, start_column=first, end_row=GROUP_ROW, end_column=last
            )
    for column in columns():
        cell = sheet.cell(row=HEADER_ROW, column=column.number, value=column.header)
        cell.font, cell.alignment = bold, Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[column.letter].width = COLUMN_WIDTH
    for row, instrument in enumerate(instruments, start=FIRST_DATA_ROW):
        for column in columns():
            value = column.read(instrument)
            cell = sheet.cell(row=row, column=column.number, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text that starts with “=” stays text, never a formula
            cell.number_format = column.codec.number_format
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=1)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Statements and settlements as files: PDF (reportlab, the built-in CID font STSong-Light, so
nothing is downloaded or shipped) and xlsx (openpyxl in write-only mode, rows streamed from the
database, so a settlement of any size is written in constant memory).

Every figure comes from the stored rows; an issued statement's file is the same every time.
"""

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from labshare.billing import queries
from labshare.billing.models import Settlement, Statement
from labshare.orders.pdf import BODY, FONT, HEADING, SMALL, TITLE


def _p(text, style=BODY) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def _table(rows, widths) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8.5),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("ALIGN", (-3, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _page_numbers(canvas, doc) -> None:
    canvas.setFont(FONT, 8)
    canvas.drawRightString(
        A4[0] - 15 * mm, 10 * mm, _("Page %(page)d") % {"page": canvas.getPageNumber()}
    )


def _build(story, out) -> None:
    document = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm
    )
    document.build(story, onFirstPage=_page_numbers, onLaterPages=_page_numbers)


def _statement_title(statement: Statement) -> str:
    return _("Statement %(number)s") % {"number": statement.number or _("(draft)")}


def _charge_row(charge) -> list:
    return [
        f"{charge.delivered_on:%Y-%m-%d}",
        Paragraph(escape(charge.description), SMALL),
        f"{charge.quantity.normalize():f} {charge.get_unit_display()}",
        f"{charge.unit_price}",
        f"{charge.amount}",
        f"{charge.voucher_amount}",
        f"{charge.customer_share}",
    ]


CHARGE_HEADERS = (
    gettext_lazy("Date"),
    gettext_lazy("Description"),
    gettext_lazy("Quantity"),
    gettext_lazy("Unit price"),
    gettext_lazy("Amount"),
    gettext_lazy("Voucher"),
    gettext_lazy("Customer pays"),
)


def statement_pdf(statement: Statement) -> bytes:
    charges = statement.charges.order_by("delivered_at", "id")
    rows = [[str(h) for h in CHARGE_HEADERS]] + [_charge_row(c) for c in charges.iterator()]
    rows.append(
        [
            "",
            _("Total"),
            "",
            "",
            f"{statement.total}",
            f"{statement.voucher_total}",
            f"{statement.due_total}",
        ]
    )
    facts = [
        _("Provider: %(name)s") % {"name": statement.provider.name},
        _("Customer: %(name)s") % {"name": statement.customer.name},
        _("Month: %(month)s") % {"month": f"{statement.period:%Y-%m}"},
    ]
    if statement.issued_at:
        facts.append(
            _("Issued: %(date)s") % {"date": f"{timezone.localdate(statement.issued_at):%Y-%m-%d}"}
        )
    story = [_p(_statement_title(statement), TITLE), Spacer(0, 6 * mm)]
    story += [_p(fact) for fact in facts] + [Spacer(0, 4 * mm)]
    story.append(_table(rows, [20 * mm, 62 * mm, 22 * mm, 20 * mm, 20 * mm, 18 * mm, 20 * mm]))
    story += [
        Spacer(0, 4 * mm),
        _p(_("Customer owes: ¥%(amount)s") % {"amount": statement.due_total}, HEADING),
        _p(_("Paid: ¥%(amount)s") % {"amount": statement.paid_total}),
        _p(_("Balance: ¥%(amount)s") % {"amount": statement.balance}),
    ]
    buffer = io.BytesIO()
    _build(story, buffer)
    return buffer.getvalue()


def statement_xlsx(statement: Statement) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Statement"))
    sheet.append([_statement_title(statement)])
    sheet.append([_("Provider"), statement.provider.name])
    sheet.append([_("Customer"), statement.customer.name])
    sheet.append([_("Month"), f"{statement.period:%Y-%m}"])
    sheet.append([])
    sheet.append([str(h) for h in CHARGE_HEADERS] + [_("Tier"), _("Charge basis")])
    for c in statement.charges.order_by("delivered_at", "id").iterator():
        sheet.append(
            [
                c.delivered_on,
                c.description,
                c.quantity,
                c.unit_price,
                c.amount,
                c.voucher_amount,
                c.customer_share,
                c.get_tier_display(),
                c.get_basis_display(),
            ]
        )
    sheet.append(
        ["", _("Total"), "", "", statement.total, statement.voucher_total, statement.due_total]
    )
    return _save(book)


def _save(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


CHUNK = 2000

SETTLEMENT_HEADERS = (
    gettext_lazy("Date of service"),
    gettext_lazy("Firm"),
    gettext_lazy("Service"),
    gettext_lazy("Charge"),
    gettext_lazy("Statement"),
    gettext_lazy("Customer paid"),
    gettext_lazy("Voucher (CNY)"),
)


def _settlement_rows(settlement: Settlement, progress=None):
    """The settlement's rows in order, streamed; progress(n) is told every CHUNK rows."""
    redemptions = (
        queries.redemptions_of_settlement(settlement.pk)
        .order_by("service_on", "id")
        .iterator(chunk_size=CHUNK)
    )
    for done, r in enumerate(redemptions, start=1):
        if progress is not None and done % CHUNK == 0:
            progress(done)
        statement = r.charge.statement
        if statement is None:
            paid = _("not yet billed")
        elif statement.is_paid:
            paid = _("paid")
        else:
            paid = _("%(paid)s of %(due)s") % {
                "paid": statement.paid_total,
                "due": statement.due_total,
            }
        yield [
            r.service_on,
            r.grant.organization.name,
            r.claim.description,
            r.claim.amount,
            statement.number if statement else "",
            paid,
            r.amount,
        ]


def settlement_xlsx(settlement: Settlement) -> bytes:
    buffer = io.BytesIO()
    write_settlement_xlsx(settlement, buffer)
    return buffer.getvalue()


def settlement_pdf(settlement: Settlement) -> bytes:
    buffer = io.BytesIO()
    write_settlement_pdf(settlement, buffer)
    return buffer.getvalue()


def write_settlement_xlsx(settlement: Settlement, out, progress=None) -> None:
    """Write the settlement's workbook to the binary file out, row by row."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Settlement"))
    sheet.append([str(settlement)])
    sheet.append([_("Programme"), str(settlement.programme)])
    sheet.append([_("Provider"), settlement.provider.name])
    sheet.append([_("Quarter"), settlement.quarter_label])
    sheet.append([])
    sheet.append([str(h) for h in SETTLEMENT_HEADERS])
    for row in _settlement_rows(settlement, progress):
        sheet.append(row)
    sheet.append(["", "", "", "", "", _("Total"), settlement.total])
    book.save(out)


SETTLEMENT_WIDTHS = [20 * mm, 32 * mm, 44 * mm, 18 * mm, 28 * mm, 20 * mm, 18 * mm]
PDF_TABLE_ROWS = 500  # reportlab splits one long table slowly; many short ones flow fast


def write_settlement_pdf(settlement: Settlement, out, progress=None) -> None:
    """Write the settlement's PDF to the binary file out, its rows in tables of PDF_TABLE_ROWS
    (each with the header again), the total after the last."""
    header = [str(h) for h in SETTLEMENT_HEADERS]
    story = [
        _p(
            _("Voucher settlement %(number)s") % {"number": settlement.number or _("(draft)")},
            TITLE,
        ),
        Spacer(0, 6 * mm),
        _p(_("Programme: %(name)s") % {"name": settlement.programme}),
        _p(_("Provider: %(name)s") % {"name": settlement.provider.name}),
        _p(_("Quarter: %(quarter)s") % {"quarter": settlement.quarter_label}),
        Spacer(0, 4 * mm),
    ]
    rows = [header]
    for row in _settlement_rows(settlement, progress):
        rows.append(
            [f"{row[0]:%Y-%m-%d}", Paragraph(escape(row[1]), SMALL)]
            + [Paragraph(escape(str(v)), SMALL) for v in row[2:6]]
            + [f"{row[6]}"]
        )
        if len(rows) > PDF_TABLE_ROWS:
            story.append(_table(rows, SETTLEMENT_WIDTHS))
            rows = [header]
    rows.append(["", "", "", "", "", _("Total"), f"{settlement.total}"])
    story.append(_table(rows, SETTLEMENT_WIDTHS))
    _build(story, out)

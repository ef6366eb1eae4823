"""The test report as PDF (reportlab), with the content items of RB/T 214.

Chinese is drawn with reportlab's built-in CID font STSong-Light: the PDF names the font and the
reader supplies it, so no font file is downloaded or shipped. Every page carries the report
number and "page x of y" (a second pass over the saved pages, once their count is known); the
last one ends with the end-of-report mark. The QR code links to the public verification page.

ReportContent holds plain values read from the database beforehand, so building touches no
database and can be timed (`labshare bench report`) on its own.
"""

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

# No markup reaches reportlab from data (see _text); and none of it may fetch a file or a URL.
rl_config.trustedHosts = []
rl_config.trustedSchemes = []

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

BODY = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=15, wordWrap="CJK")
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8.5, leading=12)
TITLE = ParagraphStyle("title", parent=BODY, fontSize=20, leading=28, alignment=1)
HEADING = ParagraphStyle("heading", parent=BODY, fontSize=12, leading=18, spaceBefore=6)
CENTRE = ParagraphStyle("centre", parent=BODY, alignment=1)


@dataclass
class ReportContent:
    number: str
    title: str
    lab_name: str
    lab_address: str
    client_name: str
    client_contact: str
    sample_rows: list[tuple[str, str, str]]  # number, description, condition
    sample_summary: str
    methods: list[tuple[str, str, str]]  # item, standard code, method title
    received_on: str
    tested_from: str
    tested_until: str
    results: list[tuple[str, str, str, str, str, str]]  # sample, item, value, unit, spec, verdict
    signatures: list[tuple[str, str, str]]  # step, name, date
    marks: list[dict] = field(default_factory=list)
    unaccredited: list[str] = field(default_factory=list)
    delivered_by_client: bool = True
    replaces: str = ""
    correction_reason: str = ""
    report_date: str = ""
    verify_url: str = ""

    @classmethod
    def of(cls, report, order, items, results) -> "ReportContent":
        """The content of a report about to be issued, from its order, items and results."""
        with translation.override(settings.LANGUAGE_CODE):
            return cls._of(report, order, items, results)

    @classmethod
    def _of(cls, report, order, items, results) -> "ReportContent":
        def day(moment) -> str:
            return timezone.localdate(moment).isoformat() if moment else ""

        samples = list(order.samples.all())
        entered = [r.entered_at for r in results]
        checked = [r.checked_at for r in results if r.checked_at]
        return cls(
            number=report.number,
            title=_("Corrected test report") if report.replaces_id else _("Test report"),
            lab_name=order.provider.name,
            lab_address=order.provider.address or "—",
            client_name=order.customer.name,
            client_contact=f"{order.contact_name} {order.contact_phone}",
            sample_rows=[(s.number, s.description, s.condition) for s in samples],
            sample_summary=order.sample_description,
            methods=[
                (item.test_service.name, item.method_code, item.test_service.method_title)
                for item in items
            ],
            received_on=day(order.received_at),
            tested_from=day(order.testing_at),
            tested_until=day(max(entered)) if entered else "",
            results=[
                (
                    r.sample.number,
                    r.item.test_service.name,
                    r.value,
                    r.unit,
                    r.spec or "—",
                    r.get_verdict_display() if r.verdict else "—",
                )
                for r in results
            ],
            signatures=[
                (_("Prepared by"), str(report.prepared_by), day(max(entered))),
                (_("Checked by"), str(report.checked_by), day(max(checked))),
                (_("Approved by"), str(report.approved_by), report.report_date.isoformat()),
            ],
            marks=report.marks,
            unaccredited=report.unaccredited_items,
            delivered_by_client=order.delivered_by_client,
            replaces=report.replaces.number if report.replaces_id else "",
            correction_reason=order.correction_reason,
            report_date=report.report_date.isoformat(),
            verify_url=settings.SITE_URL + reverse("orders:report_verify", args=[report.number]),
        )


def _numbered_canvas(number: str, page_label):
    """A canvas that draws "number · page x of y" on every page once it knows y."""

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(FONT, 9)
                self.drawString(
                    20 * mm, 285 * mm, _("Report number: %(number)s") % {"number": number}
                )
                self.drawRightString(
                    190 * mm, 285 * mm, page_label % {"page": self._pageNumber, "total": total}
                )
                self.line(20 * mm, 283 * mm, 190 * mm, 283 * mm)
                super().showPage()
            super().save()

    return NumberedCanvas


class _QR(Flowable):
    """A QR code drawn as vector squares, so the report needs no image library."""

    def __init__(self, url: str, size: float):
        super().__init__()
        self.matrix = segno.make(url, error="m").matrix
        self.size = size

    def wrap(self, *_args):
        return self.size, self.size

    def draw(self):
        cell = self.size / len(self.matrix)
        self.canv.setFillColor(colors.black)
        for row, line in enumerate(self.matrix):
            for col, dark in enumerate(line):
                if dark:
                    self.canv.rect(col * cell, self.size - (row + 1) * cell, cell, cell, 0, 1)


def _text(text, style) -> Paragraph:
    """A paragraph of plain text: reportlab reads markup in paragraphs, and what clients and
    staff type (“<LOQ”, “A&B”, or worse) must print as it was typed, never act."""
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _table(rows, widths, header: bool = True) -> Table:
    data = [[_text(str(cell), SMALL) for cell in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke))
    table.setStyle(TableStyle(style))
    return table


def build_report_pdf(content: ReportContent) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return _build(content)


def _build(c: ReportContent) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        title=f"{c.title} {c.number}",
        author=c.lab_name,
    )
    story = [_text(c.title, TITLE), Spacer(1, 4 * mm)]
    if c.marks:
        marks = "　".join(
            _("%(kind)s mark, certificate %(number)s")
            % {"kind": mark["kind"].upper(), "number": mark["number"]}
            for mark in c.marks
        )
        story.append(_text(marks, CENTRE))
    facts = [
        (_("Report number"), c.number),
        (_("Report date"), c.report_date),
        (_("Laboratory"), c.lab_name),
        (_("Address"), c.lab_address),
        (_("Client"), c.client_name),
        (_("Client contact"), c.client_contact),
        (_("Received on"), c.received_on),
        (_("Tested"), f"{c.tested_from} – {c.tested_until}"),
    ]
    # Two facts a row: label, value, label, value.
    pairs = [facts[i] + facts[i + 1] for i in range(0, len(facts), 2)]
    widths = [24 * mm, 61 * mm, 24 * mm, 61 * mm]
    story += [Spacer(1, 3 * mm), _table(pairs, widths, header=False)]
    if c.replaces:
        text = _("This report replaces report %(old)s, which is void.") % {"old": c.replaces}
        if c.correction_reason:
            text += " " + _("Reason: %(reason)s") % {"reason": c.correction_reason}
        story.append(_text(text, HEADING))
    story.append(_text(_("Samples"), HEADING))
    story.append(_text(c.sample_summary, BODY))
    story.append(
        _table(
            [(_("Sample number"), _("Sample"), _("Condition on receipt")), *c.sample_rows],
            [40 * mm, 75 * mm, 55 * mm],
        )
    )
    story.append(_text(_("Test methods"), HEADING))
    story.append(
        _table(
            [(_("Test item"), _("Standard"), _("Method")), *c.methods],
            [50 * mm, 50 * mm, 70 * mm],
        )
    )
    story.append(_text(_("Results"), HEADING))
    story.append(
        _table(
            [
                (
                    _("Sample number"),
                    _("Test item"),
                    _("Result"),
                    _("Unit"),
                    _("Limit"),
                    _("Verdict"),
                ),
                *c.results,
            ],
            [34 * mm, 40 * mm, 28 * mm, 18 * mm, 28 * mm, 22 * mm],
        )
    )
    if c.unaccredited:
        story.append(
            _text(
                _("Not within the accredited scope: %(items)s.")
                % {"items": "、".join(c.unaccredited)},
                BODY,
            )
        )
    story.append(_text(_("Signatures"), HEADING))
    story.append(
        _table([(_("Step"), _("Name"), _("Date")), *c.signatures], [40 * mm, 70 * mm, 60 * mm])
    )
    # The statements, the QR code and the end mark stay together, beside each other.
    closing = []
    if c.delivered_by_client:
        closing.append(_text(_("The results relate only to the samples as received."), BODY))
    closing.append(
        _text(
            _("This report may not be copied in part without the laboratory's written approval."),
            BODY,
        )
    )
    closing.append(_text(_("Check this report at %(url)s") % {"url": c.verify_url}, SMALL))
    beside = Table(
        [[closing, _QR(c.verify_url, 26 * mm)]],
        colWidths=[142 * mm, 28 * mm],
        style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0)],
    )
    end = _text(_("— End of report —"), CENTRE)
    story.append(KeepTogether([Spacer(1, 4 * mm), beside, Spacer(1, 3 * mm), end]))
    document.build(story, canvasmaker=_numbered_canvas(c.number, _("Page %(page)d of %(total)d")))
    return buffer.getvalue()

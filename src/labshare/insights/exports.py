"""Every table of a dashboard as one workbook (openpyxl write-only): the headline figures, the
monthly series, every instrument (not only the ranked ten) and, for the district, every
provider against the national averages. Numbers are written as numbers, rates as fractions."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from labshare.insights.dashboard import Dashboard


def dashboard_xlsx(dashboard: Dashboard, title: str) -> bytes:
    book = Workbook(write_only=True)
    period = f"{dashboard.period.start:%Y-%m-%d} – {dashboard.period.end:%Y-%m-%d}"
    sheet = book.create_sheet(_("Headlines"))
    sheet.append([title, period])
    sheet.append([_("Figure"), _("This period"), _("Previous period"), _("Change"), _("Unit")])
    for h in dashboard.headlines:
        sheet.append([str(h.label), h.value, h.previous, h.change, str(h.unit)])
    sheet = book.create_sheet(_("Months"))
    sheet.append(
        [
            _("Month"),
            _("Effective hours"),
            _("Outside-service hours"),
            _("Sharing rate"),
            _("Income (CNY)"),
        ]
    )
    for row in zip(
        dashboard.months,
        dashboard.monthly_effective,
        dashboard.monthly_outside,
        dashboard.monthly_sharing,
        dashboard.monthly_income,
        strict=True,
    ):
        sheet.append(list(row))
    sheet = book.create_sheet(_("Instruments"))
    sheet.append(
        [
            _("Instrument number"),
            _("Instrument"),
            _("Effective hours"),
            _("Outside-service hours"),
            _("Sharing rate"),
            _("Quota hours"),
            _("Utilisation"),
            _("Open hours published"),
            _("Booked hours"),
            _("Idle open hours"),
        ]
    )
    for r in dashboard.instruments:
        sheet.append(
            [
                r.code,
                r.name,
                r.effective,
                r.outside,
                r.sharing_rate,
                r.quota,
                r.utilisation,
                r.open,
                r.booked,
                r.idle,
            ]
        )
    if dashboard.providers:
        sheet = book.create_sheet(_("Providers"))
        sheet.append(
            [
                _("Provider"),
                _("Instruments"),
                _("Effective hours per instrument"),
                _("National average"),
                _("Outside-service hours per instrument"),
                _("National average"),
                _("Below the national average"),
            ]
        )
        for p in dashboard.providers:
            sheet.append(
                [
                    p.name,
                    p.instruments,
                    p.effective_per_instrument,
                    p.national_effective,
                    p.outside_per_instrument,
                    p.national_outside,
                    _("yes") if p.below_average else _("no"),
                ]
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

"""The national open-sharing assessment export: per instrument the year's figures, and one row
per outside service in the national service-record layout.

A service record is an outside user's instrument job (a usage record) or an outside customer's
test order (by its first report). Each row is checked before it is written: what the national
layout asks for and the platform does not hold for that service is listed in the row's last
column, never left silently blank. The funding source and subject areas are what the user
gave on the booking or order form (both optional there, so they are often what is missing); the
satisfaction is the user's rating of the reservation or their review of the order.

Rows are read with .iterator() and written by openpyxl in write-only mode, so the workbook of a
whole district is written in constant memory (`labshare bench insights`).
"""

from decimal import Decimal

from django.db.models import DecimalField, Exists, F, Min, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl import Workbook

from labshare.billing.models import Charge
from labshare.booking.models import UsageRecord
from labshare.insights import definitions as d
from labshare.insights.dashboard import instrument_rows
from labshare.insights.periods import Period
from labshare.orders.models import OrderBooking, OrderItem, ServiceOrder

CONTENT_MAX = 200
PROGRESS_ROWS = 2000
MODES = {"self": "占用", "staff": "技术", "order": "委托"}
RECORD_HEADERS = (
    gettext_lazy("Internal asset number"),
    gettext_lazy("Service fee (CNY)"),
    gettext_lazy("Service time"),
    gettext_lazy("Service content"),
    gettext_lazy("Service mode"),
    pgettext_lazy("service record", "Amount"),
    gettext_lazy("Unit of amount"),
    gettext_lazy("Applicant"),
    gettext_lazy("Phone"),
    gettext_lazy("E-mail"),
    gettext_lazy("Applicant's unit"),
    gettext_lazy("Funding source"),
    gettext_lazy("Subject area (GB/T 13745)"),
    gettext_lazy("Satisfaction (1–5)"),
    gettext_lazy("Comment"),
    gettext_lazy("Missing"),
)
# The columns a complete record fills, by their position in RECORD_HEADERS.
REQUIRED = (0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13)
MONEY = DecimalField(max_digits=14, decimal_places=2)


def _when(start, end) -> str:
    return f"{timezone.localtime(start):%Y-%m-%d %H:%M} – {timezone.localtime(end):%Y-%m-%d %H:%M}"


def _usage_rows(period: Period, provider_id):
    fee = (
        Charge.objects.filter(reservation_id=OuterRef("reservation_id"))
        .values("reservation_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    records = (
        UsageRecord.objects.filter(is_outside=True, start__gte=period.since, start__lt=period.until)
        .select_related(
            "instrument", "reservation__user", "reservation__satisfaction", "user_organization"
        )
        .annotate(
            fee=Coalesce(Subquery(fee, output_field=MONEY), Value(Decimal(0)), output_field=MONEY),
            for_order=Exists(
                OrderBooking.objects.filter(reservation_id=OuterRef("reservation_id"))
            ),
        )
        .order_by("start", "id")
    )
    if provider_id is not None:
        records = records.filter(instrument__organization_id=provider_id)
    for u in records.iterator(chunk_size=2000):
        person = u.reservation.user if u.reservation else None
        rated = getattr(u.reservation, "satisfaction", None) if u.reservation else None
        content = (u.reservation.purpose if u.reservation else "") or u.note
        mode = "order" if u.for_order else u.instrument.booking_mode
        yield [
            u.instrument.asset_number,
            d.yuan(u.fee),
            _when(u.start, u.end),
            content[:CONTENT_MAX],
            MODES.get(mode, "其他"),
            u.hours,
            _("machine hours"),
            person.full_name if person else "",
            person.phone if person else "",
            person.email if person else "",
            u.user_organization.name,
            u.reservation.funding_source if u.reservation else "",
            ",".join(u.reservation.subject_areas) if u.reservation else "",
            rated.rating if rated else None,
            rated.comment if rated else "",
        ]


def _order_rows(period: Period, provider_id):
    booked_asset = OrderBooking.objects.filter(order_id=OuterRef("pk")).values(
        "reservation__instrument__asset_number"
    )[:1]
    listed_asset = (
        OrderItem.objects.filter(order_id=OuterRef("pk"), test_service__instruments__isnull=False)
        .order_by("id")
        .values("test_service__instruments__asset_number")[:1]
    )
    orders = (
        ServiceOrder.objects.annotate(first_report=Min("reports__issued_at"))
        .filter(first_report__gte=period.since, first_report__lt=period.until)
        .exclude(customer_id=F("provider_id"))
        .select_related("customer", "created_by", "review")
        .annotate(
            asset=Coalesce(Subquery(booked_asset), Subquery(listed_asset), Value("")),
        )
        .order_by("first_report", "id")
    )
    if provider_id is not None:
        orders = orders.filter(provider_id=provider_id)
    for o in orders.iterator(chunk_size=2000):
        review = getattr(o, "review", None)
        content = f"{o.number} {o.sample_description}".strip()
        yield [
            o.asset,
            o.quote_total,
            _when(o.received_at or o.submitted_at or o.first_report, o.first_report),
            content[:CONTENT_MAX],
            MODES["order"],
            o.sample_count,
            _("samples"),
            o.created_by.full_name,
            o.created_by.phone or o.contact_phone,
            o.created_by.email,
            o.customer.name,
            o.funding_source,
            ",".join(o.subject_areas),
            review.rating if review else None,
            review.comment if review else "",
        ]


def checked(row: list) -> list:
    """The row with its last column naming every required item it lacks."""
    missing = [str(RECORD_HEADERS[i]) for i in REQUIRED if row[i] in ("", None)]
    return [*row, "、".join(missing)]


def service_records(period: Period, provider_id=None):
    """Every outside service of the period, checked, in the national layout's order."""
    for row in _usage_rows(period, provider_id):
        yield checked(row)
    for row in _order_rows(period, provider_id):
        yield checked(row)


def write_workbook(out, period: Period, provider_id=None, progress=None) -> dict[str, int]:
    """Write the assessment workbook to the binary file out; returns the rows written and how
    many service records lack something. progress(n) is told every PROGRESS_ROWS records."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Instruments"))
    sheet.append(
        [
            _("Internal asset number"),
            _("Instrument"),
            _("Quota hours"),
            _("Effective hours"),
            _("Outside-service hours"),
            _("Sharing rate"),
            _("Utilisation"),
            _("Open hours published"),
            _("Booked hours"),
            _("Outside services"),
        ]
    )
    services = d.outside_services(period, provider_id=provider_id)
    instruments = 0
    for r in instrument_rows(period, provider_id):
        instruments += 1
        sheet.append(
            [
                r.asset_number,
                r.name,
                r.quota,
                r.effective,
                r.outside,
                r.sharing_rate,
                r.utilisation,
                r.open,
                r.booked,
                services.get(r.pk, 0),
            ]
        )
    sheet = book.create_sheet(_("Service records"))
    sheet.append([str(h) for h in RECORD_HEADERS])
    records = incomplete = 0
    for row in service_records(period, provider_id):
        records += 1
        incomplete += bool(row[-1])
        sheet.append(row)
        if progress is not None and records % PROGRESS_ROWS == 0:
            progress(records)
    book.save(out)
    return {"instruments": instruments, "records": records, "incomplete": incomplete}

"""Every figure of insights.definitions on a hand-built March 2026, each computed by hand here.

The SEM (open Monday–Friday 08:00–18:00, 22 weekdays in March = 220 h) of the test university:
- 3rd 09–11 the SME uses its booking fully: 2 h outside, booked 2 h;
- 4th 09–12 booked, checked out after 90 min: 1.5 h outside, booked 3 h;
- 5th 14–16 staff enter the university's own use: 2 h inside (no booking);
- 6th 09–11 booked, effective time corrected to 60 min: 1 h outside, booked 2 h;
- 31st 22:00 – 1 April 02:00 staff enter a night run for the SME: 2 h in March, 2 h in April;
- 9th a cancelled reservation (no hours), 10th 09–10 a no-show (booked 1 h, no usage);
- a blackout on the 13th 09–12 (−3 h) and an extra opening on Saturday the 14th 09–12 (+3 h).
March: 有效机时 2 + 1.5 + 2 + 1 + 2 = 8.5 h; 对外服务机时 6.5 h; 共享率 6.5 / 8.5 = 0.7647;
booked 2 + 3 + 2 + 1 = 8 h; open 220 h; idle 212 h; no-show rate 1 / (3 + 1) = 0.25.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from labshare.booking import services as booking
from labshare.booking.models import Reservation
from labshare.insights import definitions as d
from labshare.insights.models import QuotaHours
from labshare.insights.periods import Period, month, quarter, year
from tests.factories import act

pytestmark = pytest.mark.django_db
MARCH = month(date(2026, 3, 1))
APRIL = month(date(2026, 4, 1))


def test_effective_and_outside_hours_split_at_the_month_boundary(march):
    figures = d.usage([MARCH, APRIL])
    assert figures[(0, None)] == d.Usage(Decimal("8.50"), Decimal("6.50"))
    assert figures[(1, None)] == d.Usage(Decimal("2.00"), Decimal("2.00"))
    assert figures[(0, None)].sharing_rate == Decimal("0.7647")
    assert d.usage([quarter(date(2026, 3, 1))])[(0, None)] == figures[(0, None)]
    by_instrument = d.usage([Period(date(2026, 3, 1), date(2026, 4, 30))], by_instrument=True)
    assert by_instrument == {(0, march.pk): d.Usage(Decimal("10.50"), Decimal("8.50"))}


def test_a_night_run_counts_on_both_sides_of_midnight(march):
    night = Period(date(2026, 3, 31), date(2026, 3, 31))
    assert d.usage([night])[(0, None)].effective == Decimal("2.00")
    first_of_april = Period(date(2026, 4, 1), date(2026, 4, 1))
    assert d.usage([first_of_april])[(0, None)].outside == Decimal("2.00")


def test_booked_open_and_idle_hours(march):
    assert d.booked_hours([MARCH]) == {(0, None): Decimal("8.00")}
    assert d.open_hours(MARCH) == {march.pk: Decimal("220.00")}
    # Without the extra Saturday, the blackout shows: 220 − 3.
    first_half = Period(date(2026, 3, 1), date(2026, 3, 13))
    assert d.open_hours(first_half) == {march.pk: Decimal("97.00")}  # 10 weekdays × 10 − 3


def test_reservations_by_outcome_and_the_no_show_rate(march):
    assert d.reservations(MARCH) == {
        "completed": 3,
        "no_show": 1,
        "cancelled": 1,
        "no_show_rate": Decimal("0.2500"),
    }


def test_quota_hours_in_proportion_and_the_units_own(march, provider_admin):
    assert d.quota_hours(MARCH) == {march.pk: Decimal("118.90")}  # 1,400 × 31 / 365
    QuotaHours.objects.create(
        instrument=march, hours=800, set_by=provider_admin, updated_at=timezone.now()
    )
    assert d.quota_hours(year(2026)) == {march.pk: Decimal("800.00")}


def test_income_inside_and_outside_by_date_of_service(march):
    # SME tier 300 / h, 30-minute steps, the greater of booked and used, no-show fee 120:
    # 3rd 2 h = 600; 4th booked 3 h = 900; 6th booked 2 h = 600; 10th no-show 120.
    assert d.income(MARCH) == {"inside": Decimal("0.00"), "outside": Decimal("2220.00")}
    assert d.income(APRIL)["outside"] == Decimal("0.00")


def test_customers_and_smes_served(march, outsider_org):
    assert d.customers(MARCH) == {"outside_customers": 1, "smes_served": 1}
    assert d.customers(month(date(2026, 5, 1))) == {"outside_customers": 0, "smes_served": 0}


def test_orders_samples_turnaround_and_reviews(reported, sme_org):
    assert d.orders(MARCH) == {
        "orders": 1,
        "samples": 2,
        "median_turnaround_days": Decimal("3.5"),
    }
    assert d.orders(APRIL)["orders"] == 0  # the corrected report is the same order
    assert d.reviews(MARCH) == {"reviews": 1, "good": 1, "good_rate": Decimal("1.0000")}
    assert d.customers(MARCH)["outside_customers"] == 1


def test_the_good_review_rate_counts_the_ratings_of_reservations(
    march, reported, sme_member, provider_org, other_provider_org, now
):
    """The order's good review (5 March) and, rated on 2 April, March's three completed
    reservations: 5 and 4 count as good, 2 does not."""
    completed = Reservation.objects.filter(status="completed").order_by("start")
    for reservation, rating in zip(completed, (5, 4, 2), strict=True):
        booking.rate_reservation(act(sme_member), reservation, rating)
    assert d.reviews(MARCH) == {"reviews": 1, "good": 1, "good_rate": Decimal("1.0000")}
    assert d.reviews(APRIL) == {"reviews": 3, "good": 2, "good_rate": Decimal("0.6667")}
    assert d.reviews(APRIL, provider_id=provider_org.pk)["reviews"] == 3
    assert d.reviews(APRIL, provider_id=other_provider_org.pk)["reviews"] == 0


def test_scope_of_a_provider(march, reported, other_provider_org):
    assert d.usage([MARCH], provider_id=other_provider_org.pk) == {}
    assert d.orders(MARCH, provider_id=other_provider_org.pk)["orders"] == 0
    assert d.income(MARCH, provider_id=other_provider_org.pk)["outside"] == Decimal("0.00")
    assert d.usage([MARCH], provider_id=march.organization_id)[(0, None)].effective == Decimal(
        "8.50"
    )


def test_platform_figures(march, reported):
    assert d.platform_figure("instruments_shared", MARCH) == 1
    assert d.platform_figure("smes_served", MARCH) == 1
    assert d.platform_figure("orders_completed", MARCH) == 1
    with pytest.raises(ValueError):
        d.platform_figure("rainfall", MARCH)


def test_periods():
    assert MARCH.previous() == month(date(2026, 2, 1))
    assert quarter(date(2026, 2, 9)).previous() == quarter(date(2025, 12, 1))
    assert year(2026).previous() == year(2025)
    custom = Period(date(2026, 3, 10), date(2026, 3, 19))
    assert custom.previous() == Period(date(2026, 2, 28), date(2026, 3, 9))
    assert [p.start for p in Period(date(2026, 1, 20), date(2026, 3, 5)).months()] == [
        date(2026, 1, 20),
        date(2026, 2, 1),
        date(2026, 3, 1),
    ]
    assert MARCH.until - MARCH.since == timedelta(days=31)
    with pytest.raises(ValueError):
        Period(date(2026, 3, 2), date(2026, 3, 1))

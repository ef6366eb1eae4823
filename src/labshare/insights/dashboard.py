"""What a dashboard shows, assembled from the definitions: headline figures against the period
before, monthly series, the instruments ranked, and (for the district) the providers against
the national averages.

The district's dashboard and a provider's are the same page with a different scope
(provider_id None or one provider). Every figure is one grouped query per kind, so the page's
query count does not grow with the data (tests/insights/test_dashboard.py counts them).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from labshare.accounts.models import Organization
from labshare.catalog.models import Instrument
from labshare.insights import definitions as d
from labshare.insights import monthly
from labshare.insights.periods import Period

RANKED = 10  # instruments shown in each ranking; the export has them all


@dataclass
class Headline:
    key: str
    label: str
    value: Decimal | int | None
    previous: Decimal | int | None
    unit: str = ""
    is_rate: bool = False

    @property
    def text(self) -> str:
        return figure_text(self.value, self.is_rate, self.unit)

    @property
    def previous_text(self) -> str:
        return figure_text(self.previous, self.is_rate, self.unit)

    @property
    def change(self) -> Decimal | None:
        """The change against the previous period: in points for a rate, else in per cent."""
        if self.value is None or self.previous is None:
            return None
        if self.is_rate:
            return ((Decimal(self.value) - Decimal(self.previous)) * 100).quantize(Decimal("0.1"))
        if not self.previous:
            return None
        change = (Decimal(self.value) - Decimal(self.previous)) / Decimal(self.previous) * 100
        return change.quantize(Decimal("0.1"))


def figure_text(value, is_rate: bool = False, unit: str = "") -> str:
    """A figure as the page shows it: rates in per cent, money with ¥ before it."""
    if value is None:
        return "—"
    if is_rate:
        return f"{Decimal(value) * 100:.1f}%"
    if unit == "¥":
        return f"¥{Decimal(value):,.2f}"
    if unit == "h":
        return f"{Decimal(value):,.2f} h"
    text = f"{value:,}"
    return f"{text} {unit}" if unit else text


@dataclass
class InstrumentRow:
    pk: int
    name: str
    code: str
    provider_id: int
    asset_number: str = ""
    effective: Decimal = Decimal(0)
    outside: Decimal = Decimal(0)
    booked: Decimal = Decimal(0)
    open: Decimal = Decimal(0)
    quota: Decimal = Decimal(0)

    @property
    def sharing_rate(self) -> Decimal | None:
        return d.ratio(self.outside, self.effective)

    @property
    def utilisation(self) -> Decimal | None:
        return d.ratio(self.effective, self.quota)

    @property
    def sharing_text(self) -> str:
        return figure_text(self.sharing_rate, True)

    @property
    def utilisation_text(self) -> str:
        return figure_text(self.utilisation, True)

    @property
    def idle(self) -> Decimal:
        return max(Decimal(0), self.open - self.booked)


@dataclass
class ProviderRow:
    pk: int
    name: str
    instruments: int = 0
    effective: Decimal = Decimal(0)
    outside: Decimal = Decimal(0)
    national_effective: Decimal = Decimal(0)
    national_outside: Decimal = Decimal(0)

    @property
    def effective_per_instrument(self) -> Decimal:
        return (
            (self.effective / self.instruments).quantize(d.HUNDREDTH)
            if self.instruments
            else Decimal(0)
        )

    @property
    def outside_per_instrument(self) -> Decimal:
        return (
            (self.outside / self.instruments).quantize(d.HUNDREDTH)
            if self.instruments
            else Decimal(0)
        )

    @property
    def below_average(self) -> bool:
        return self.instruments > 0 and (
            self.effective_per_instrument < self.national_effective
            or self.outside_per_instrument < self.national_outside
        )


@dataclass
class Dashboard:
    period: Period
    headlines: list[Headline]
    months: list[str]
    monthly_effective: list[Decimal]
    monthly_outside: list[Decimal]
    monthly_sharing: list[Decimal | None]
    monthly_income: list[Decimal]
    instruments: list[InstrumentRow]
    providers: list[ProviderRow] = field(default_factory=list)
    cooperation_fields: list[dict] = field(default_factory=list)

    @property
    def by_sharing(self) -> list[InstrumentRow]:
        used = [row for row in self.instruments if row.effective > 0]
        return sorted(used, key=lambda r: (-(r.sharing_rate or 0), -r.effective, r.pk))[:RANKED]

    @property
    def by_idle(self) -> list[InstrumentRow]:
        idle = [row for row in self.instruments if row.idle > 0]
        return sorted(idle, key=lambda r: (-r.idle, r.pk))[:RANKED]


def build(period: Period, provider_id: int | None = None) -> Dashboard:
    previous = period.previous()
    # The period before and this one, month by month (buckets 0…k-1 and k…): whole months come
    # from the monthly summary, the rest from the records (monthly.py), each kind of figure in
    # one pass; everything else is summed from these rows (each instrument's month to 0.01 h).
    months = period.months()
    before = len(previous.months())
    plan = monthly.plan([*previous.months(), *months])
    then, now = (lambda i: i < before), (lambda i: i >= before)
    used, booked = monthly.hours(plan, provider_id)
    then_usage, now_usage = _usage_sum(used, then), _usage_sum(used, now)
    instruments = instrument_rows(period, provider_id, _only(used, now), _only(booked, now))
    quota = sum((row.quota for row in instruments), Decimal(0))
    open_total = sum((row.open for row in instruments), Decimal(0))
    outcomes = monthly.outcomes(plan, provider_id)
    income = monthly.income(plan, provider_id)
    buckets = range(len(plan.buckets))
    figures = {
        "reservations": tuple(
            d.with_no_show_rate(_total(outcomes, side, monthly.OUTCOMES)) for side in (now, then)
        ),
        "income": tuple(_total(income, side, ("inside", "outside")) for side in (now, then)),
        "customers": (
            monthly.customers(plan, buckets[before:], period, provider_id),
            monthly.customers(plan, buckets[:before], previous, provider_id),
        ),
    }
    scope = {"provider_id": provider_id}
    for name in ("orders", "reviews", "vouchers", "cooperation"):
        figures[name] = (getattr(d, name)(period, **scope), getattr(d, name)(previous, **scope))
    effective = now_usage.effective
    headlines = [
        Headline("effective", _("Effective hours"), effective, then_usage.effective, "h"),
        Headline("outside", _("Outside-service hours"), now_usage.outside, then_usage.outside, "h"),
        Headline(
            "sharing",
            _("Sharing rate"),
            now_usage.sharing_rate,
            then_usage.sharing_rate,
            is_rate=True,
        ),
        Headline("utilisation", _("Utilisation"), d.ratio(effective, quota), None, is_rate=True),
        Headline("open", _("Open hours published"), open_total, None, "h"),
        Headline("booked", _("Booked hours"), _sum(booked, now), _sum(booked, then), "h"),
        Headline(
            "idle", _("Idle open hours"), sum((r.idle for r in instruments), Decimal(0)), None, "h"
        ),
        _pair("no_show", _("No-show rate"), figures["reservations"], "no_show_rate", rate=True),
        _pair("income_outside", _("Income from outside users"), figures["income"], "outside", "¥"),
        _pair("income_inside", _("Income from the own unit"), figures["income"], "inside", "¥"),
        _pair("customers", _("Outside customers"), figures["customers"], "outside_customers"),
        _pair("smes", _("SMEs served"), figures["customers"], "smes_served"),
        _pair("orders", _("Test orders reported"), figures["orders"], "orders"),
        _pair("samples", _("Samples tested"), figures["orders"], "samples"),
        _pair(
            "turnaround",
            _("Median turnaround"),
            figures["orders"],
            "median_turnaround_days",
            _("days"),
        ),
        _pair("good_rate", _("Good-review rate"), figures["reviews"], "good_rate", rate=True),
        _pair("vouchers_redeemed", _("Vouchers redeemed"), figures["vouchers"], "redeemed", "¥"),
        _pair("vouchers_settled", _("Vouchers settled"), figures["vouchers"], "settled", "¥"),
        _pair(
            "contracts_signed",
            _("Cooperation contracts signed"),
            figures["cooperation"],
            "signed_value",
            "¥",
        ),
        _pair(
            "contract_turnover",
            _("Registered technology-contract turnover"),
            figures["cooperation"],
            "registered_value",
            "¥",
        ),
        _pair("pairs", _("Firm–provider pairs"), figures["cooperation"], "pairs"),
    ]
    if provider_id is None:
        headlines.append(
            _pair(
                "vouchers_granted", _("Voucher quotas granted"), figures["vouchers"], "granted", "¥"
            )
        )
    series = [_usage_sum(used, lambda i, m=m: i == m) for m in buckets[before:]]
    dashboard = Dashboard(
        period=period,
        headlines=headlines,
        months=[f"{m.start:%Y-%m}" for m in months],
        monthly_effective=[u.effective for u in series],
        monthly_outside=[u.outside for u in series],
        monthly_sharing=[u.sharing_rate for u in series],
        monthly_income=[income[i]["inside"] + income[i]["outside"] for i in buckets[before:]],
        instruments=instruments,
        cooperation_fields=d.cooperation_by_field(period, **scope),
    )
    if provider_id is None:
        dashboard.providers = _providers(period, instruments)
    return dashboard


def _only(rows: dict, wanted) -> dict:
    return {key: value for key, value in rows.items() if wanted(key[0])}


def _total(found: dict, wanted, names) -> dict:
    """The sums of names over the wanted buckets of {bucket: {name: value}}."""
    sums = dict.fromkeys(names, 0)
    for bucket, row in found.items():
        if wanted(bucket):
            for name in names:
                sums[name] += row[name]
    return sums


def _usage_sum(rows: dict, wanted) -> d.Usage:
    """The sum of the usage rows {(bucket, instrument): Usage} of the wanted buckets."""
    effective = outside = Decimal(0)
    for (bucket, _pk), figures in rows.items():
        if wanted(bucket):
            effective += figures.effective
            outside += figures.outside
    return d.Usage(effective, outside)


def _sum(rows: dict, wanted) -> Decimal:
    return sum((v for (bucket, _pk), v in rows.items() if wanted(bucket)), Decimal(0))


def _pair(key, label, pair, name, unit="", rate=False) -> Headline:
    now, then = pair
    return Headline(key, label, now[name], then[name], unit, is_rate=rate)


def instrument_rows(period: Period, provider_id, used=None, booked=None) -> list[InstrumentRow]:
    """Every current instrument of the scope with its figures for the period (used and booked:
    the period's rows {(bucket, instrument): …}, if already fetched)."""
    listed = Instrument.objects.filter(retired_at__isnull=True)
    if provider_id is not None:
        listed = listed.filter(organization_id=provider_id)
    rows = {
        pk: InstrumentRow(pk, name, code, org, asset)
        for pk, name, code, org, asset in listed.values_list(
            "pk", "name", "code", "organization_id", "asset_number"
        )
    }
    scope = {"provider_id": provider_id}
    if used is None:
        used = d.usage([period], by_instrument=True, **scope)
        booked = d.booked_hours([period], by_instrument=True, **scope)
    for (_bucket, pk), figures in used.items():
        if pk in rows:
            rows[pk].effective += figures.effective
            rows[pk].outside += figures.outside
    for (_bucket, pk), hours in booked.items():
        if pk in rows:
            rows[pk].booked += hours
    for pk, value in d.open_hours(period, **scope).items():
        if pk in rows:
            rows[pk].open = value
    for pk, value in d.quota_hours(period, **scope).items():
        rows[pk].quota = value
    return list(rows.values())


def _providers(period: Period, instruments: list[InstrumentRow]) -> list[ProviderRow]:
    """Each provider's hours per instrument against the national averages for a period of this
    length (1,599 effective and 273 outside-service hours a year)."""
    share = Decimal(str(round(period.share_of_year(), 6)))
    found: dict[int, ProviderRow] = {}
    names = dict(
        Organization.objects.filter(pk__in={r.provider_id for r in instruments}).values_list(
            "pk", "name"
        )
    )
    for row in instruments:
        provider = found.setdefault(
            row.provider_id,
            ProviderRow(
                row.provider_id,
                names.get(row.provider_id, ""),
                national_effective=(d.NATIONAL_EFFECTIVE_HOURS * share).quantize(d.HUNDREDTH),
                national_outside=(d.NATIONAL_OUTSIDE_HOURS * share).quantize(d.HUNDREDTH),
            ),
        )
        provider.instruments += 1
        provider.effective += row.effective
        provider.outside += row.outside
    return sorted(found.values(), key=lambda p: (-p.effective_per_instrument, p.pk))

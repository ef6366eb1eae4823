"""Reads of the catalogue: the public list with its filters, and the provider list."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from labshare.accounts.models import Organization
from labshare.catalog import search
from labshare.catalog.models import Instrument, InstrumentClass


def public_instruments() -> QuerySet[Instrument]:
    return Instrument.objects.filter(is_published=True, retired_at__isnull=True)


def with_list_relations(queryset: QuerySet[Instrument]) -> QuerySet[Instrument]:
    """What a list row shows, fetched in a constant number of queries."""
    return queryset.select_related("organization", "instrument_class").prefetch_related(
        "disciplines"
    )


@dataclass(frozen=True)
class CatalogFilter:
    q: str = ""
    class_code: str = ""
    provider: int | None = None
    discipline: str = ""
    running_status: str = ""
    booking_mode: str = ""

    def apply(self, queryset: QuerySet[Instrument]) -> QuerySet[Instrument]:
        if self.class_code:
            prefix = InstrumentClass(code=self.class_code).prefix
            queryset = queryset.filter(instrument_class__code__startswith=prefix)
        if self.provider:
            queryset = queryset.filter(organization_id=self.provider)
        if self.discipline:
            queryset = queryset.filter(disciplines__code=self.discipline)
        if self.running_status:
            queryset = queryset.filter(running_status=self.running_status)
        if self.booking_mode:
            queryset = queryset.filter(booking_mode=self.booking_mode)
        if self.q:
            return search.search(queryset, self.q)
        return queryset.order_by("name", "id")


def class_tree() -> list[dict]:
    """Top and middle classes for the filter, each with its count of public instruments."""
    counts: dict[str, int] = {}
    for code, total in (
        public_instruments()
        .values_list("instrument_class_id")
        .annotate(total=Count("id"))
        .order_by()
    ):
        for prefix in (code[:2], code[:4]):
            counts[prefix] = counts.get(prefix, 0) + total
    tree = []
    for cls in InstrumentClass.objects.filter(code__endswith="00").order_by("code"):
        count = counts.get(cls.prefix, 0)
        if count:
            tree.append(
                {
                    "code": cls.code,
                    "name": cls.name,
                    "count": count,
                    "top": cls.code.endswith("0000"),
                }
            )
    return tree


def providers_with_counts() -> QuerySet[Organization]:
    return Organization.objects.filter(is_provider=True).annotate(
        instrument_count=Count(
            "instruments",
            filter=Q(instruments__is_published=True, instruments__retired_at__isnull=True),
        )
    )

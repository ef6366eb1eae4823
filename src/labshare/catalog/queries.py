"""Reads of the catalogue: the public list with its filters, and the provider list."""

import dataclasses
import functools
import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet
from django.utils.timezone import localdate

from labshare.accounts.models import Organization
from labshare.catalog import availability, ranking, search, when
from labshare.catalog.models import Discipline, Instrument, InstrumentClass
from labshare.catalog.understanding import Understanding, understand

FACETS_CACHE_KEY = "catalog:facets"
SORT_ORDERS = {
    "name": ("name_sort", "id"),
    "fee": (F("hourly_fee").asc(nulls_last=True), "name_sort", "id"),
    "newest": ("-created_at", "-id"),
}
FACETS_TIMEOUT = 600


def public_q(path: str = "") -> Q:
    """Instruments in the public catalogue: published and not retired (path: a relation prefix)."""
    return Q(**{f"{path}is_published": True, f"{path}retired_at__isnull": True})


def public_instruments() -> QuerySet[Instrument]:
    return Instrument.objects.filter(public_q())


def with_list_relations(queryset: QuerySet[Instrument]) -> QuerySet[Instrument]:
    """What a list row shows, fetched in a constant number of queries."""
    return queryset.select_related("organization", "instrument_class").prefetch_related(
        "disciplines"
    )


class LoadedByKey:
    """A list for the Paginator: counts and slices cheap rows of keys, then loads only one page.

    `keys` is an ordered values() queryset with the instrument id under `key`; the other values
    (a search score) are set on the loaded instruments. Deep pages stay fast because the offset
    is walked over narrow index rows, not over wide joined ones.
    """

    def __init__(self, keys: QuerySet, key: str):
        self.keys = keys
        self.key = key

    def count(self) -> int:
        return self.keys.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        rows = list(self.keys[index])
        ids = [row[self.key] for row in rows]
        loaded = with_list_relations(Instrument.objects.filter(pk__in=ids)).in_bulk()
        page = []
        for row in rows:
            instrument = loaded[row[self.key]]
            for name, value in row.items():
                if name != self.key:
                    setattr(instrument, name, value)
            page.append(instrument)
        return page

    def __iter__(self):
        return iter(self[:])


@dataclass(frozen=True)
class CatalogFilter:
    q: str = ""
    class_code: str = ""
    provider: int | None = None
    discipline: str = ""
    running_status: str = ""
    booking_mode: str = ""
    sort: str = ""
    # Words to search as typed, without the thesaurus (the explanation's "remove" links).
    literal: frozenset[str] = frozenset()
    # The availability fields; without them, the time words of the query decide.
    free_from: date | None = None
    free_to: date | None = None
    free_hours: Decimal | None = None
    ignore_time: bool = False

    @functools.cached_property
    def understanding(self) -> Understanding:
        return understand(self.q, self.literal)

    @property
    def uses_free_fields(self) -> bool:
        return any((self.free_from, self.free_to, self.free_hours))

    @functools.cached_property
    def time_ask(self) -> when.TimeAsk | None:
        """The free time asked for, from the fields or else from the query; None: not asked."""
        if self.ignore_time:
            return None
        if self.uses_free_fields:
            return when.from_fields(self.free_from, self.free_to, self.free_hours)
        return self.understanding.time

    def without_time(self) -> "CatalogFilter":
        """The same search regardless of free time (what matches when nothing is free)."""
        return dataclasses.replace(
            self, ignore_time=True, free_from=None, free_to=None, free_hours=None
        )

    @property
    def wants_free_time(self) -> bool:
        ask = self.time_ask
        return ask is not None and not ask.problem and availability.finder() is not None

    def narrow(self, queryset: QuerySet[Instrument], but: str = "") -> QuerySet[Instrument]:
        """Apply every filter but the keywords (and but the one named, for its facet)."""
        if self.class_code and but != "class_code":
            prefix = InstrumentClass(code=self.class_code).prefix
            queryset = queryset.filter(instrument_class__code__startswith=prefix)
        if self.provider and but != "provider":
            queryset = queryset.filter(organization_id=self.provider)
        if self.discipline and but != "discipline":
            queryset = queryset.filter(disciplines__code=self.discipline)
        if self.running_status and but != "running_status":
            queryset = queryset.filter(running_status=self.running_status)
        if self.booking_mode and but != "booking_mode":
            queryset = queryset.filter(booking_mode=self.booking_mode)
        return queryset

    def matching(self, public: QuerySet[Instrument], but: str = "") -> QuerySet[Instrument]:
        """The result as a plain queryset (keywords included), one filter left out if named."""
        queryset = self.narrow(public, but)
        ids = ranking.matching_ids(self.understanding)
        return queryset.filter(pk__in=ids) if ids is not None else queryset

    @property
    def has_filters(self) -> bool:
        return any(
            (
                self.class_code,
                self.provider,
                self.discipline,
                self.running_status,
                self.booking_mode,
            )
        )

    def apply(self, public: QuerySet[Instrument]) -> LoadedByKey:
        """The matching public instruments, paginatable: best match first with keywords
        (unless another order is chosen), else in the chosen order, the name by default."""
        if self.sort in SORT_ORDERS:
            ordered = self.matching(public).order_by(*SORT_ORDERS[self.sort])
            return LoadedByKey(ordered.values("pk"), "pk")
        narrowed = self.narrow(public)
        if self.understanding.has_words:
            within = narrowed if self.has_filters else None
            ranked = ranking.ranked_matches(self.understanding, within=within)
            if ranked is not None:
                return LoadedByKey(ranked, "instrument_id")
        return LoadedByKey(narrowed.order_by("name_sort", "id").values("pk"), "pk")


def class_tree(instruments: QuerySet[Instrument] | None = None) -> list[dict]:
    """Top and middle classes for the filter, each with its count of the instruments given
    (the public catalogue by default)."""
    counts: dict[str, int] = {}
    for code, total in (
        (public_instruments() if instruments is None else instruments)
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
            filter=public_q("instruments__"),
        )
    )


def catalog_facets() -> dict:
    """The list page's sidebar: class tree, providers and disciplines with instruments.

    Counting over the whole catalogue costs a scan, so the result is cached and dropped whenever
    an instrument enters or leaves the catalogue (see invalidate_facets).
    """
    facets = cache.get(FACETS_CACHE_KEY)
    if facets is None:
        facets = {
            "class_tree": class_tree(),
            "providers": [
                {"pk": p.pk, "name": p.display_name, "count": p.instrument_count}
                for p in providers_with_counts()
                .filter(instrument_count__gt=0)
                .order_by("name_sort")
            ],
            "disciplines": list(
                Discipline.objects.filter(public_q("instruments__"))
                .annotate(count=Count("instruments", filter=public_q("instruments__")))
                .order_by("code")
                .values("code", "name", "count")
            ),
        }
        facets["running_status_counts"] = _counts(public_instruments(), "running_status")
        facets["booking_mode_counts"] = _counts(public_instruments(), "booking_mode")
        cache.set(FACETS_CACHE_KEY, facets, FACETS_TIMEOUT)
    return facets


def invalidate_facets() -> None:
    cache.delete(FACETS_CACHE_KEY)
    search.bump_generation()


def _counts(instruments: QuerySet[Instrument], field: str) -> dict:
    rows = instruments.values_list(field).annotate(total=Count("id", distinct=True)).order_by()
    return dict(rows)


def result_facets(catalog_filter: "CatalogFilter") -> dict:
    """The sidebar for the current result: each option counted over the result as it would be
    with that option chosen instead (the other filters and the keywords kept), so a count is
    what following it gives, and options that would give nothing are left out. Without
    keywords and filters the result is the whole catalogue: the cached facets."""
    if not catalog_filter.understanding.has_words and not catalog_filter.has_filters:
        return catalog_facets()
    # Counting a result costs a few grouped scans; the same result is asked for again and
    # again (paging, sorting, the next visitor), so it is kept until the catalogue changes.
    key = f"{FACETS_CACHE_KEY}:{search.generation()}:{_filter_key(catalog_filter)}"
    facets = cache.get(key)
    if facets is None:
        facets = _count_result_facets(catalog_filter)
        cache.set(key, facets, FACETS_TIMEOUT)
    return facets


def _filter_key(catalog_filter: "CatalogFilter") -> str:
    parts = (
        catalog_filter.q,
        catalog_filter.class_code,
        catalog_filter.provider,
        catalog_filter.discipline,
        catalog_filter.running_status,
        catalog_filter.booking_mode,
        sorted(catalog_filter.literal),
        # By day: a period that starts "now" must not make every request a new key.
        [(localdate(s), localdate(e)) for s, e in catalog_filter.time_ask.periods]
        if catalog_filter.wants_free_time
        else None,
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _count_result_facets(catalog_filter: "CatalogFilter") -> dict:
    public = public_instruments()

    def without(dimension: str) -> QuerySet[Instrument]:
        return catalog_filter.matching(public, but=dimension)

    by_provider = _counts(without("provider"), "organization_id")
    providers = Organization.objects.filter(pk__in=by_provider).order_by("name_sort")
    by_discipline = _counts(without("discipline"), "disciplines__code")
    return {
        "class_tree": class_tree(without("class_code")),
        "providers": [
            {"pk": p.pk, "name": p.display_name, "count": by_provider[p.pk]} for p in providers
        ],
        "disciplines": [
            {**d, "count": by_discipline[d["code"]]}
            for d in Discipline.objects.filter(code__in=by_discipline)
            .order_by("code")
            .values("code", "name")
        ],
        "running_status_counts": _counts(without("running_status"), "running_status"),
        "booking_mode_counts": _counts(without("booking_mode"), "booking_mode"),
    }

"""`labshare bench catalog`: a synthetic national-size catalogue, and how fast it is searched.

The synthetic instruments copy the demo district's instruments (names, classes, specifications,
manufacturers) under varied models and providers, so words are spread as in a real catalogue.
They are written in bulk, not through the services, because creating 150,000 instruments one by
one would take hours; their search terms are computed by the same function the services use.
"""

import itertools
import time
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from labshare.accounts import services as account_services
from labshare.accounts.models import Organization
from labshare.accounts.uscc import with_check_character
from labshare.bench import schedules
from labshare.bench.schedules import copy_rows
from labshare.bench.timing import measure, summary
from labshare.catalog import search
from labshare.catalog.models import Instrument, InstrumentClass, SearchTerm
from labshare.catalog.queries import CatalogFilter, invalidate_facets, public_instruments
from labshare.catalog.views import instrument_list
from labshare.core import clock
from labshare.core.actors import system_actor, visitor_actor
from labshare.core.pinyin import sort_key
from labshare.demo.loader import district

BENCH_PREFIX = "基准测试单位"
INSTRUMENTS_PER_PROVIDER = 500
BATCH = 2000
VARIANTS = ["", "高分辨", "全自动", "便携式", "多功能", "智能", "高通量", "超高速"]
QUERIES = [
    "扫描电镜",
    "拉伸",
    "色谱",
    "质谱",
    "液相色谱 安捷伦",
    "显微镜",
    "万能材料试验机",
    "X射线衍射",
    "激光",
    "热分析",
]


def _templates() -> list[dict]:
    return [
        instrument for provider in district()["providers"] for instrument in provider["instruments"]
    ]


def _bench_providers(count: int) -> list[Organization]:
    have = Organization.objects.filter(name__startswith=BENCH_PREFIX).count()
    for number in range(have, count):
        account_services.create_organization(
            system_actor(),
            name=f"{BENCH_PREFIX}{number:05d}",
            uscc=with_check_character(f"12210299{number:09d}"),
            kind=Organization.Kind.INSTITUTE,
            is_demo=True,
            is_provider=True,
            is_customer=False,
        )
    return list(Organization.objects.filter(name__startswith=BENCH_PREFIX).order_by("pk"))


def build(total: int, log) -> dict:
    """Top the synthetic catalogue up to `total` instruments; returns what was done."""
    started = time.perf_counter()
    have = Instrument.objects.filter(organization__name__startswith=BENCH_PREFIX).count()
    if have >= total:
        return {"created": 0, "existing": have, "seconds": 0.0}
    # Only public instruments are in the search index; bench ones are all published.
    providers = _bench_providers(max(1, -(-total // INSTRUMENTS_PER_PROVIDER)))
    templates = _templates()
    classes = InstrumentClass.objects.in_bulk([t["class_code"] for t in templates])
    template_terms = {}
    created = 0
    numbers = range(have, total)
    for chunk_start in range(0, len(numbers), BATCH):
        chunk = numbers[chunk_start : chunk_start + BATCH]
        rows = []
        for number in chunk:
            template = templates[number % len(templates)]
            variant = VARIANTS[(number // len(templates)) % len(VARIANTS)]
            rows.append(
                Instrument(
                    organization=providers[number // INSTRUMENTS_PER_PROVIDER],
                    code=f"B{number:07d}",
                    asset_number=f"BA{number:07d}",
                    name=variant + template["name"],
                    name_sort=sort_key(variant + template["name"]),
                    name_en=template["name_en"],
                    instrument_class=classes[template["class_code"]],
                    model=f"{template['model']}-{number % 997}",
                    manufacturer=template["manufacturer"],
                    country=template["country"],
                    original_value=Decimal(template["original_value"]),
                    specifications=template["specifications"],
                    functions=template["functions"],
                    service_content=template["service_content"],
                    running_status=template["running_status"],
                    booking_mode=template["booking_mode"],
                    hourly_fee=Decimal(template["hourly_fee"]),
                    is_published=True,
                )
            )
        with transaction.atomic():
            Instrument.objects.bulk_create(rows)
            _insert_terms(
                (instrument.pk, term, weight)
                for instrument in rows
                for term, weight in _terms(instrument, template_terms).items()
            )
        created += len(rows)
        log(f"  {have + created:>7} / {total} instruments")
    with connection.cursor() as cursor:
        # What autovacuum does in production: planner statistics, and on PostgreSQL the
        # visibility map that lets index-only scans skip the table.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    invalidate_facets()
    return {
        "created": created,
        "existing": have,
        "seconds": round(time.perf_counter() - started, 1),
    }


def _insert_terms(rows) -> None:
    """Write search terms in bulk: COPY on PostgreSQL, batched INSERTs elsewhere."""
    copy_rows(SearchTerm, ["instrument_id", "term", "weight"], rows)


def _terms(instrument: Instrument, cache: dict) -> dict[str, int]:
    """The instrument's search terms; everything but the model repeats, so that part is cached."""
    key = (instrument.name, instrument.instrument_class_id, instrument.specifications)
    if key not in cache:
        model, instrument.model = instrument.model, ""
        cache[key] = search.instrument_terms(instrument)
        instrument.model = model
    weights = dict(cache[key])
    for term in search.document_terms(instrument.model):
        weights[term] = max(weights.get(term, 0), search.FIELD_WEIGHTS["model"])
    return weights


def _request(params: dict):
    request = RequestFactory().get("/instruments/", params, HTTP_HOST=settings.ALLOWED_HOSTS[0])
    request.user = AnonymousUser()
    request.active_membership = None
    request.actor = visitor_actor()
    request.htmx = HtmxDetails(request)
    request.session = {}
    return request


def _page(params: dict) -> None:
    response = instrument_list(_request(params))
    assert response.status_code == 200, response.status_code


def run(total: int, repeat: int, log, reservations: int = 0) -> dict:
    built = build(total, log)
    bench_ids = list(
        Instrument.objects.filter(organization__name__startswith=BENCH_PREFIX)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    scheduled = schedules.build(bench_ids, reservations, log)
    today = clock.today()
    monday = today + timedelta(days=7 - today.weekday())
    free_next_week = {
        "free_from": monday.isoformat(),
        "free_to": (monday + timedelta(days=6)).isoformat(),
        "free_hours": "3",
    }
    free_sem = {"q": "下周有空3小时的扫描电镜"}
    public = public_instruments().count()
    filters = {"cls": "010000", "status": "normal"}
    filtered = (
        CatalogFilter(class_code="010000", running_status="normal")
        .apply(public_instruments())
        .count()
    )
    deep_page = max(1, (filtered // settings.PAGE_SIZE) // 2)
    _page({})  # warm caches: facets, jieba, connections
    for query in QUERIES:
        _page({"q": query})
    _page(free_next_week)
    _page(free_sem)
    keyword_samples = list(
        itertools.chain.from_iterable(
            measure(lambda q=query: _page({"q": q}), repeat) for query in QUERIES
        )
    )
    return {
        "benchmark": "catalog",
        "database": connection.vendor,
        "instruments_in_catalogue": public,
        "build": built,
        "keyword_search_page": {"queries": QUERIES, **summary(keyword_samples)},
        "schedules": scheduled,
        "availability_search_page": {
            "params": free_next_week,
            **summary(measure(lambda: _page(free_next_week), repeat * 3)),
        },
        "availability_keyword_search_page": {
            "params": free_sem,
            **summary(measure(lambda: _page(free_sem), repeat * 3)),
        },
        "filtered_list_first_page": {
            "filters": filters,
            **summary(measure(lambda: _page(filters), repeat * 3)),
        },
        "filtered_list_deep_page": {
            "filters": filters,
            "page": deep_page,
            **summary(measure(lambda: _page({**filters, "page": deep_page}), repeat * 3)),
        },
    }

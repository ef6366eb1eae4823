"""`labshare bench search --needs FILE.tsv`: how well need-based search finds the right instruments.

Each line of the file is a need as people type it and the national class codes that answer it
(any of them, `|`-separated; a code ending in 00 stands for its whole class). The need is searched
exactly as the catalogue page searches it (its time words filter by free time there too), and
the classes of the first results are compared with the expected ones:

- recall@5: share of needs with a right instrument among the first five;
- MRR@10: mean of 1 / rank of the first right instrument within the first ten (0 if none);
- zero-result rate: share of needs for which nothing at all was found.
"""

import csv
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from labshare.catalog.free_search import free_results
from labshare.catalog.models import InstrumentClass
from labshare.catalog.queries import CatalogFilter, public_instruments

COLUMNS = ("need", "expected")


def read_needs(path: Path) -> list[dict]:
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
    with handle:
        reader = csv.DictReader(handle, delimiter="\t")
        if not reader.fieldnames or any(c not in reader.fieldnames for c in COLUMNS):
            raise CommandError(f"{path}: the header must name the columns need and expected.")
        needs = []
        for line, row in enumerate(reader, start=2):
            need = (row.get("need") or "").strip()
            codes = [c.strip() for c in (row.get("expected") or "").split("|") if c.strip()]
            if not need or not codes or not all(c.isdigit() and len(c) == 6 for c in codes):
                raise CommandError(f"{path}, line {line}: a need and 6-digit class codes needed.")
            needs.append(
                {"need": need, "prefixes": [InstrumentClass(code=c).prefix for c in codes]}
            )
    if not needs:
        raise CommandError(f"{path}: no needs in the file.")
    return needs


def found_classes(need: str) -> list[str]:
    """The class codes of the first ten instruments the catalogue page shows for the need."""
    catalog_filter = CatalogFilter(q=need)
    if catalog_filter.wants_free_time:
        page, busy = free_results(catalog_filter, public_instruments(), 0, 10)
        instruments = page.instruments or busy
    else:
        instruments = catalog_filter.apply(public_instruments())[:10]
    return [instrument.instrument_class_id for instrument in instruments]


def run(path: Path, log) -> dict:
    needs = read_needs(path)
    hits5 = reciprocal = zero = 0.0
    misses, seconds = [], []
    for number, item in enumerate(needs, start=1):
        started = time.perf_counter()
        classes = found_classes(item["need"])
        seconds.append(time.perf_counter() - started)
        rank = next(
            (
                position
                for position, code in enumerate(classes, start=1)
                if any(code.startswith(prefix) for prefix in item["prefixes"])
            ),
            None,
        )
        if not classes:
            zero += 1
        if rank and rank <= 5:
            hits5 += 1
        if rank:
            reciprocal += 1 / rank
        else:
            misses.append({"need": item["need"], "found": classes[:5]})
        if number % 50 == 0:
            log(f"  {number} / {len(needs)} needs")
    count = len(needs)
    return {
        "benchmark": "search",
        "needs_file": str(path),
        "needs": count,
        "instruments_in_catalogue": public_instruments().count(),
        "recall_at_5": round(hits5 / count, 3),
        "mrr_at_10": round(reciprocal / count, 3),
        "zero_result_rate": round(zero / count, 3),
        "zero_results": int(zero),
        "median_ms_per_need": round(statistics.median(seconds) * 1000, 1),
        "page_size": settings.PAGE_SIZE,
        "misses": misses,
    }

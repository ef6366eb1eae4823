"""A page of instruments that have the free time asked for, in the order the search ranks them.

Whether an instrument has free time depends on its windows, blackouts and reservations, which
no index of the catalogue holds; so candidates are read in rank order, a batch at a time, and
the booking engine is asked about each batch (one query per kind of row) until the page is
full. A page says where its scan stopped; the next page goes on from there. The scan is capped
per request, so a rare ask over a large catalogue answers quickly with what it has found and a
link to look further, instead of a slow page.
"""

from dataclasses import dataclass, field

from labshare.catalog import availability
from labshare.catalog.models import Instrument
from labshare.catalog.when import TimeAsk

BATCH = 60
MAX_SCANNED = 600
BUSY_MATCHES = 5


@dataclass
class FreePage:
    instruments: list[Instrument] = field(default_factory=list)
    start: int = 0  # the candidate this page's scan began at
    next_start: int | None = None  # where the next page goes on from; None: nothing left
    scanned: int = 0


def free_page(candidates, ask: TimeAsk, start: int, size: int) -> FreePage:
    """`candidates`: the ranked list (queries.LoadedByKey); the finder drops those nobody
    outside may book (not shared, out of service) along with those without the free time."""
    finder = availability.finder()
    page = FreePage(start=start)
    if finder is None or not ask.periods:
        return page
    offset = start
    while len(page.instruments) < size and page.scanned < MAX_SCANNED:
        batch = candidates[offset : offset + BATCH]
        slots = finder.slots(batch, ask)
        used = len(batch)
        for position, instrument in enumerate(batch, start=1):
            if instrument.pk in slots:
                instrument.free_slots = slots[instrument.pk]
                page.instruments.append(instrument)
                if len(page.instruments) == size:
                    used = position
                    break
        offset += used
        page.scanned += used
        if len(batch) < BATCH and used == len(batch):
            return page  # the candidates ran out
    page.next_start = offset
    return page


def free_results(catalog_filter, public, start: int, size: int) -> tuple[FreePage, list]:
    """The page of free instruments, and when nothing at all is free then, the first few that
    match regardless of time (the page says so and shows them: a need is still answered)."""
    page = free_page(catalog_filter.apply(public), catalog_filter.time_ask, start, size)
    busy = []
    if not page.instruments and page.next_start is None:
        busy = list(catalog_filter.without_time().apply(public)[:BUSY_MATCHES])
    return page, busy

"""Free time of many instruments at once: the catalogue's availability filter.

The catalogue finds instruments by words; this answers "which of them have N free hours in
this period, and when". It reads the free time of a batch of instruments with one query per
kind of row (availability.free_time), then keeps the stretches a customer could book now: on
the slot grid, after the lead time, before the horizon, at least the asked length.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from labshare.booking.availability import free_time, grid_up, local_midnight
from labshare.booking.models import BookingRules
from labshare.booking.rules import why_not_bookable
from labshare.catalog.availability import Slot
from labshare.catalog.models import Instrument
from labshare.catalog.when import TimeAsk
from labshare.core import clock

SLOTS_PER_INSTRUMENT = 3


class BookingFinder:
    def slots(self, instruments: list[Instrument], ask: TimeAsk) -> dict[int, list[Slot]]:
        # Those a visitor may book at all; the booking form tells a customer who may not why.
        instruments = [i for i in instruments if not why_not_bookable(i, None)]
        if not instruments or not ask.periods:
            return {}
        now = clock.now()
        free = free_time([i.pk for i in instruments], ask.start, ask.end)
        rules = BookingRules.objects.in_bulk([i.pk for i in instruments])
        found = {}
        for instrument in instruments:
            rule = rules.get(instrument.pk) or BookingRules(instrument=instrument)
            slots = self._slots(free.get(instrument.pk, []), rule, ask, now)
            if slots:
                found[instrument.pk] = slots
        return found

    def _slots(self, free, rule: BookingRules, ask: TimeAsk, now: datetime) -> list[Slot]:
        grid = rule.granularity_minutes
        length = max(ask.minutes, rule.min_duration_minutes)
        length = -(-length // grid) * grid
        if length > rule.max_duration_minutes:
            return []  # free, perhaps, but not bookable in one stretch that long
        earliest = now + timedelta(minutes=rule.lead_time_minutes)
        latest = now + timedelta(days=rule.horizon_days)
        proposed = timedelta(minutes=length)
        slots = []
        for period_start, period_end in ask.periods:
            for start, end in free:
                start = max(start, period_start, earliest)
                start = grid_up(start, local_midnight(timezone.localdate(start)), grid)
                end = min(end, period_end)
                if start <= latest and end - start >= timedelta(minutes=length):
                    slots.append(Slot(start, start + proposed))
                    if len(slots) == SLOTS_PER_INSTRUMENT:
                        return slots
        return slots

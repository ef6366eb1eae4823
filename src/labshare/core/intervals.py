"""Half-open intervals [start, end) of aware datetimes: merge, subtract, contain."""

from collections.abc import Iterable
from datetime import datetime

Interval = tuple[datetime, datetime]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, with touching or overlapping intervals joined: [8,12) + [12,14) → [8,14)."""
    result: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[0] < i[1]):
        if result and start <= result[-1][1]:
            if end > result[-1][1]:
                result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    return result


def subtract(intervals: Iterable[Interval], holes: Iterable[Interval]) -> list[Interval]:
    """What remains of intervals once every hole is cut out; both may come unsorted."""
    holes = merge(holes)
    result: list[Interval] = []
    for start, end in merge(intervals):
        cursor = start
        for hole_start, hole_end in holes:
            if hole_end <= cursor or hole_start >= end:
                continue
            if hole_start > cursor:
                result.append((cursor, hole_start))
            cursor = max(cursor, hole_end)
            if cursor >= end:
                break
        if cursor < end:
            result.append((cursor, end))
    return result


def covers(intervals: Iterable[Interval], start: datetime, end: datetime) -> bool:
    """True when [start, end) lies inside the union of intervals."""
    return any(s <= start and end <= e for s, e in merge(intervals))


def overlaps(a: Interval, b: Interval) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def clip(intervals: Iterable[Interval], start: datetime, end: datetime) -> list[Interval]:
    """The parts of intervals that fall within [start, end)."""
    return [(max(s, start), min(e, end)) for s, e in intervals if s < end and e > start]

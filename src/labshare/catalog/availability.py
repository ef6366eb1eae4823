"""The catalogue's availability filter ("明天有空的扫描电镜"), answered by the booking app.

Free time is the booking engine's to compute, and booking sits above catalog (it imports the
catalogue, never the other way round). So the catalogue asks through this seam: the booking
app registers its finder when it loads (BookingConfig.ready), and the catalogue calls it with
the instruments it found and the time asked for. Without a finder the filter says so instead
of guessing.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from labshare.catalog.models import Instrument
from labshare.catalog.when import TimeAsk


@dataclass(frozen=True)
class Slot:
    """A free stretch to propose: start and end of the booking the link fills in."""

    start: datetime
    end: datetime


class Finder(Protocol):
    def slots(self, instruments: list[Instrument], ask: TimeAsk) -> dict[int, list[Slot]]:
        """The earliest free slots of each instrument a customer could book them on; the
        others (not shared, out of service, closed or booked then) left out."""


_finder: Finder | None = None


def register(finder: Finder) -> None:
    global _finder
    _finder = finder


def finder() -> Finder | None:
    return _finder

"""Server-side SVG charts for the dashboards: monthly bars and a line or two, inlined in templates.

Why our own small helper: the platform runs on offline government intranets and serves no
third-party JavaScript (DESIGN.md), so a JS chart library is out, and a few bar and line charts do
not justify a dependency. The output is well-formed XML with every text escaped (inline it as is,
parse it in tests), accessible (role="img", aria-label, a <title> on the chart and a tooltip on
every bar and point) and scales to a phone (viewBox, width 100%).

Colours are SVG presentation attributes, not a <style> element: our Content-Security-Policy
(style-src 'self') blocks inline <style>, which in an inline SVG would style the whole page anyway.
Presentation attributes lose to any CSS rule, so site.css can restyle the classes (.bar,
.bar-highlight, .line, .point, .series-N, .grid, .axis, .tick, .x-label, .legend, .empty).
Nothing refers outside the SVG: no fonts, hrefs or scripts (the xmlns is a name, never fetched).

Choices:
- Negative values are drawn below a zero line: the y axis always spans zero, from a "nice"
  minimum to a "nice" maximum, with 3 to 5 round ticks; no data or all zero gives 0 to 1.
- None means "no value": a bar chart leaves the slot empty but keeps its label; a line is split
  there, so a series with gaps has one polyline per unbroken run of two or more points (a lone
  point is only its circle) rather than a line drawn across a month without data.
- Numbers become Decimals (a float through its shortest repr, so 0.1 stays 0.1) and are shown with
  thousands separators and at most four decimal places.
"""

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import ROUND_CEILING, ROUND_HALF_UP, Context, Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

Number = Decimal | int | float | None

MAX_X_LABELS = 12  # more labels than this would overlap on a phone
_MAX_PLACES = 4  # an unrounded quotient (a share) is shown to four places
_FONT = 'font-family="sans-serif" font-size="11"'
_INK, _GRID, _BAR, _HIGHLIGHT = "#374151", "#e5e7eb", "#60a5fa", "#f59e0b"
_PALETTE = ("#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed even escaped


def bar_chart(
    labels: Sequence[str],
    values: Sequence[Number],
    *,
    title: str,
    unit: str = "",
    highlight: set[int] | None = None,
    empty: str = "No data",
    width: int = 640,
    height: int = 240,
) -> SafeString:
    """One bar per value (none for None), highlighted indices with the class bar-highlight."""
    if len(values) != len(labels):
        raise ValueError(f"{len(labels)} labels but {len(values)} values.")
    numbers = [_decimal(value) for value in values]
    if not labels:
        return _empty(title, empty, width, height)
    frame = _Frame(numbers, len(labels), width, height, top=10)
    parts = frame.axes(labels)
    zero, bar = frame.y(Decimal(0)), min(frame.slot * 0.7, 48.0)  # a lone bar is no slab
    for index, (label, number) in enumerate(zip(labels, numbers, strict=True)):
        if number is None:
            continue
        top, bottom = sorted((zero, frame.y(number)))
        marked = highlight is not None and index in highlight
        parts.append(
            f'<rect class="{"bar bar-highlight" if marked else "bar"}"'
            f' x="{_px(frame.centre(index) - bar / 2)}" y="{_px(top)}"'
            f' width="{_px(bar)}" height="{_px(bottom - top)}"'
            f' fill="{_HIGHLIGHT if marked else _BAR}">'
            f"<title>{_text(_tip(label, number, unit))}</title></rect>"
        )
    parts.append(frame.zero_line())
    return _svg(title, width, height, parts)


def line_chart(
    labels: Sequence[str],
    series: Mapping[str, Sequence[Number]],
    *,
    title: str,
    unit: str = "",
    empty: str = "No data",
    width: int = 640,
    height: int = 240,
) -> SafeString:
    """A line per series (class series-N, N from 1), split at None, a point per value; a legend
    with the series names when there is more than one."""
    for name, values in series.items():
        if len(values) != len(labels):
            raise ValueError(f"{len(labels)} labels but {len(values)} values in {name!r}.")
    numbers = {name: [_decimal(value) for value in values] for name, values in series.items()}
    if not labels:
        return _empty(title, empty, width, height)
    with_legend = len(series) > 1
    every = [number for values in numbers.values() for number in values]
    frame = _Frame(every, len(labels), width, height, top=30 if with_legend else 10)
    parts = frame.axes(labels)
    parts.append(frame.zero_line())
    legend_x = frame.left
    for n, (name, values) in enumerate(numbers.items(), start=1):
        colour = _PALETTE[(n - 1) % len(_PALETTE)]
        run: list[str] = []
        for index, number in enumerate([*values, None]):
            if number is not None:
                run.append(f"{_px(frame.centre(index))},{_px(frame.y(number))}")
                continue
            if len(run) >= 2:
                parts.append(
                    f'<polyline class="line series-{n}" points="{" ".join(run)}"'
                    f' fill="none" stroke="{colour}" stroke-width="2"/>'
                )
            run = []
        for index, (label, number) in enumerate(zip(labels, values, strict=True)):
            if number is not None:
                tip = _tip(label, number, unit)
                parts.append(
                    f'<circle class="point series-{n}" cx="{_px(frame.centre(index))}"'
                    f' cy="{_px(frame.y(number))}" r="3" fill="{colour}">'
                    f"<title>{_text(f'{name} · {tip}' if with_legend else tip)}</title></circle>"
                )
        if with_legend:
            parts.append(
                f'<rect class="swatch series-{n}" x="{_px(legend_x)}" y="8" width="10"'
                f' height="10" fill="{colour}"/><text class="legend" x="{_px(legend_x + 14)}"'
                f' y="17" fill="{_INK}" {_FONT}>{_text(name)}</text>'
            )
            legend_x += 14 + _text_width(name) + 16
    return _svg(title, width, height, parts)


class _Frame:
    """The plot area inside the margins, its y scale (nice ticks spanning zero) and x slots."""

    def __init__(
        self, numbers: list[Decimal | None], count: int, width: int, height: int, top: int
    ):
        if width < 160 or height < 100:
            raise ValueError("A chart needs at least 160 × 100 units.")
        present = [number for number in numbers if number is not None]
        self.ticks, self.tick_labels = nice_ticks(min([0, *present]), max([0, *present]))
        self.left = 8 + min(max(_text_width(label) for label in self.tick_labels), width / 3)
        self.right, self.top, self.bottom = width - 8.0, float(top), height - 22.0
        self.height, self.count = height, count
        self.slot = (self.right - self.left) / count

    def y(self, value: Decimal) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        return self.bottom - float((value - low) / (high - low)) * (self.bottom - self.top)

    def centre(self, index: int) -> float:
        return self.left + (index + 0.5) * self.slot

    def axes(self, labels: Sequence[str]) -> list[str]:
        parts = []
        for tick, label in zip(self.ticks, self.tick_labels, strict=True):
            y = _px(self.y(tick))
            parts.append(
                f'<line class="grid" x1="{_px(self.left)}" x2="{_px(self.right)}" y1="{y}"'
                f' y2="{y}" stroke="{_GRID}"/><text class="tick" x="{_px(self.left - 4)}"'
                f' y="{_px(self.y(tick) + 4)}" text-anchor="end" fill="{_INK}" {_FONT}>'
                f"{label}</text>"
            )
        # Every k-th label, k such that they neither exceed MAX_X_LABELS nor overlap.
        widest = max(_text_width(label) for label in labels) + 6
        every = max(math.ceil(self.count / MAX_X_LABELS), math.ceil(widest / self.slot), 1)
        for index in range(0, self.count, every):
            parts.append(
                f'<text class="x-label" x="{_px(self.centre(index))}" y="{_px(self.height - 7)}"'
                f' text-anchor="middle" fill="{_INK}" {_FONT}>{_text(labels[index])}</text>'
            )
        return parts

    def zero_line(self) -> str:
        y = _px(self.y(Decimal(0)))
        return (
            f'<line class="axis" x1="{_px(self.left)}" x2="{_px(self.right)}" y1="{y}"'
            f' y2="{y}" stroke="{_INK}"/>'
        )


def nice_ticks(low: Decimal | int, high: Decimal | int) -> tuple[list[Decimal], list[str]]:
    """Round ticks from a nice minimum ≤ low to a nice maximum ≥ high (both span zero), steps
    of 1, 2 or 5 × 10ⁿ, the smallest step that needs at most four intervals; and their labels,
    all with the step's decimal places (0.0, 0.5, 1.0)."""
    low, high = Decimal(min(low, 0)), Decimal(max(high, 0))
    if low == high:
        high = Decimal(1)
    magnitude = max((high - low).adjusted(), 1 - _MAX_PLACES)  # no step below 0.0001
    for step in (
        Decimal(m).scaleb(e) for e in range(magnitude - 1, magnitude + 2) for m in (1, 2, 5)
    ):
        down = int((-low / step).to_integral_value(ROUND_CEILING))
        up = int((high / step).to_integral_value(ROUND_CEILING))
        if down + up <= 4:
            break
    quantum = Decimal(1).scaleb(min(0, step.as_tuple().exponent))
    ticks = [step * k for k in range(-down, up + 1)]
    return ticks, [f"{_round(tick, quantum):,f}" for tick in ticks]


def format_number(value: Decimal) -> str:
    """Thousands separators, the value's own places up to four (an unrounded quotient rounded)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -_MAX_PLACES:
        value = _round(value, Decimal(1).scaleb(-_MAX_PLACES))
        return f"{abs(value) if value == 0 else value:,f}".rstrip("0").rstrip(".")
    return f"{value:,f}"


def _round(value: Decimal, quantum: Decimal) -> Decimal:
    # With enough digits: the default context (28) refuses to show 10**30 to the unit.
    digits = max(value.adjusted(), 0) - quantum.as_tuple().exponent + 2
    return value.quantize(quantum, ROUND_HALF_UP, Context(prec=max(28, digits)))


def _decimal(value: Number) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        raise TypeError(f"A chart value is a Decimal, an int, a float or None, not {value!r}.")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError(f"A chart value must be finite, not {value!r}.")
    return number


def _tip(label: str, number: Decimal, unit: str) -> str:
    return f"{label}: {format_number(number)} {unit}".rstrip()


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", str(value)))


def _text_width(value: str) -> float:
    """An estimate at font-size 11: CJK characters are about twice as wide as Latin ones."""
    return sum(11 if unicodedata.east_asian_width(ch) in "WF" else 6.5 for ch in value)


def _px(value: float) -> str:
    return f"{round(value, 1) + 0.0:.1f}".removesuffix(".0")


def _empty(title: str, empty: str, width: int, height: int) -> SafeString:
    text = (
        f'<text class="empty" x="{_px(width / 2)}" y="{_px(height / 2)}" text-anchor="middle"'
        f' dominant-baseline="middle" fill="{_INK}" {_FONT}>{_text(empty)}</text>'
    )
    return _svg(title, width, height, [text])


def _svg(title: str, width: int, height: int, parts: list[str]) -> SafeString:
    label = _text(title)
    return mark_safe(  # noqa: S308 (every text inside went through _text)
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ls-chart" role="img"'
        f' aria-label="{label}" viewBox="0 0 {width} {height}" width="100%"'
        f' preserveAspectRatio="xMidYMid meet"><title>{label}</title>{"".join(parts)}</svg>'
    )

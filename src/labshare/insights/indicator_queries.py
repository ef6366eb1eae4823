"""The reads of the indicator pages, and who may reach the operator's side.

A page of indicators costs the same few queries whatever their number (values and targets are
prefetched); an indicator the platform counts adds its own figures, a few aggregate queries per
year of its plan (at most ten years).
"""

from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet
from django.http import Http404

from labshare.core.access import active_can, require_active
from labshare.core.actors import Actor
from labshare.insights import indicators
from labshare.insights import progress as rules
from labshare.insights.indicators import PERMISSION
from labshare.insights.models import Indicator, IndicatorTarget, IndicatorValue
from labshare.insights.progress import Point, Progress


def can_edit(actor: Actor) -> bool:
    """Whether the actor enters indicators for the operator it works for now."""
    return active_can(actor, PERMISSION, operator=True)


def editor_org(actor: Actor):
    """The operator the actor enters indicators for (403 for everybody else)."""
    return require_active(actor, PERMISSION, operator=True)


def indicator_for_editor(actor: Actor, pk: int) -> Indicator:
    editor_org(actor)
    indicator = Indicator.objects.prefetch_related("targets").filter(pk=pk).first()
    if indicator is None:
        raise Http404
    return indicator


def value_for_editor(actor: Actor, pk: int) -> IndicatorValue:
    editor_org(actor)
    value = IndicatorValue.objects.select_related("indicator").filter(pk=pk).first()
    if value is None:
        raise Http404
    return value


def target_for_editor(actor: Actor, pk: int) -> IndicatorTarget:
    editor_org(actor)
    target = IndicatorTarget.objects.select_related("indicator").filter(pk=pk).first()
    if target is None:
        raise Http404
    return target


def public_indicators() -> QuerySet:
    """What the public page shows, in the operator's order, values and targets prefetched."""
    return Indicator.objects.filter(is_public=True).prefetch_related("values", "targets")


def all_indicators() -> QuerySet:
    """The operator's list: every indicator with its counts and its latest period."""
    return Indicator.objects.annotate(
        value_count=Count("values", distinct=True),
        target_count=Count("targets", distinct=True),
        latest_end=Max("values__period_end"),
    ).order_by("position", "id")


def values_of(indicator: Indicator) -> QuerySet:
    """The values entered, newest period first, with who entered them."""
    return (
        IndicatorValue.objects.filter(indicator=indicator)
        .select_related("entered_by")
        .order_by("-period_end", "-period_start", "-id")
    )


@dataclass(frozen=True)
class Card:
    """One indicator as the pages show it: its values over time, its latest value, the trend
    (one point a year), the values over several years, and each target's progress."""

    indicator: Indicator
    points: list[Point]
    trend: list[Point]
    latest: Point | None
    progresses: list[Progress]

    @property
    def over_several_years(self) -> list[Point]:
        """Plan-period totals: not on the yearly trend, so listed under it (but the latest
        value, shown above, only once)."""
        return [p for p in self.points if not p.within_a_year and p != self.latest]

    @property
    def level_target(self) -> IndicatorTarget | None:
        """The newest plan's target when it is a level (drawn as a line on the trend)."""
        first = self.progresses[0].target if self.progresses else None
        return first if first is not None and first.kind == IndicatorTarget.Kind.LEVEL else None


@dataclass(frozen=True)
class ValueRow:
    value: IndicatorValue
    label: str
    shown: str


def value_rows(values) -> list[ValueRow]:
    """A page of entered values as the operator's table shows them."""
    return [
        ValueRow(v, rules.period_label(v.period_start, v.period_end), indicators.display(v.value))
        for v in values
    ]


def card(indicator: Indicator, found: list[Point] | None = None) -> Card:
    found = rules.points(indicator) if found is None else found
    targets = list(indicator.targets.all())  # newest plan first (the model's ordering)
    return Card(
        indicator=indicator,
        points=found,
        trend=rules.yearly(found),
        latest=max(found, key=lambda p: (p.end, p.days), default=None),
        progresses=[rules.progress_of(indicator, t, found) for t in targets],
    )


def cards(page_of_indicators) -> list[Card]:
    return [card(indicator) for indicator in page_of_indicators]

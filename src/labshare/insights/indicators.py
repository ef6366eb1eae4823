"""The district's innovation indicators: the operator's writes, and each target's progress.

Writes (the services in __all__) belong to the operator's staff holding
`platform.edit_indicators`. A value is set for a period (a year, part of one, or a plan's
years); one period has one value, so entering it again is refused unless the operator asks to
replace it. An indicator the platform counts itself (Indicator.platform_figure) takes no entered
values: its values are counted from the platform's records, one per year of the plan (the
current year up to today), and never stored, so they cannot go stale.

Progress against a target is computed in insights/progress.py.
"""

import re
import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from labshare.core import clock
from labshare.core.access import ensure_person, ensure_platform
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import Conflict, InvalidInput
from labshare.insights.models import Indicator, IndicatorTarget, IndicatorValue

# The services; the service walk calls each of them. The rest of the module is pure reading.
__all__ = [
    "create_indicator",
    "delete_target",
    "delete_value",
    "set_target",
    "set_value",
    "update_indicator",
]

PERMISSION = "platform.edit_indicators"
MAX_INTEGER_DIGITS = 14  # DecimalField(max_digits=18, decimal_places=4)
PLACES = Decimal("0.0001")
FIRST_YEAR, LAST_YEAR = 1949, 2100
MAX_COUNTED_YEARS = 10  # a platform-counted series costs a few queries a year: bounded
LONGEST = {"name": 100, "unit": 20, "source": 200, "note": 200, "plan": 40, "description": 200}
_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d*)?|[+-]?\.\d+")


# ---------------------------------------------------------------------------------------------
# Services


@transaction.atomic
def create_indicator(
    actor: Actor,
    *,
    code: str,
    name: str,
    unit: str,
    source: str = "",
    platform_figure: str = "",
    position: int = 0,
    is_public: bool = True,
) -> Indicator:
    ensure_platform(actor, PERMISSION)
    code = (code or "").strip().lower()
    try:
        validate_slug(code)
    except ValidationError:
        raise InvalidInput(
            _("Use only letters, digits, hyphens and underscores for the code."), field="code"
        ) from None
    if len(code) > 40:
        raise InvalidInput(_("The code has at most 40 characters."), field="code")
    fields = _indicator_fields(name, unit, source, platform_figure, position, is_public)
    if Indicator.objects.filter(code=code).exists():
        raise Conflict(_("Another indicator has this code."), field="code", code="duplicate")
    try:
        with transaction.atomic():
            indicator = Indicator.objects.create(code=code, **fields)
    except IntegrityError:
        raise Conflict(_("Another indicator has this code."), field="code") from None
    record(actor, "indicator.created", indicator, code=code, unit=indicator.unit)
    return indicator


@transaction.atomic
def update_indicator(
    actor: Actor,
    indicator: Indicator,
    *,
    name: str,
    unit: str,
    source: str = "",
    platform_figure: str = "",
    position: int = 0,
    is_public: bool = True,
) -> Indicator:
    """Everything but the code, which stays the indicator's stable name in links and exports."""
    ensure_platform(actor, PERMISSION)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    fields = _indicator_fields(name, unit, source, platform_figure, position, is_public)
    if fields["platform_figure"] and indicator.values.exists():
        raise InvalidInput(
            _("Values were entered for this indicator; delete them before the platform counts it."),
            field="platform_figure",
        )
    changed = [key for key, value in fields.items() if getattr(indicator, key) != value]
    for key in changed:
        setattr(indicator, key, fields[key])
    if changed:
        indicator.save(update_fields=changed)
    record(actor, "indicator.updated", indicator, changed=changed)
    return indicator


def _indicator_fields(name, unit, source, platform_figure, position, is_public) -> dict:
    name, unit, source = _text(name, "name"), _text(unit, "unit"), _text(source, "source")
    if not name:
        raise InvalidInput(_("Give the indicator a name."), field="name")
    if not unit:
        raise InvalidInput(_("Give the unit, e.g. 家, 件, 亿元 or %."), field="unit")
    platform_figure = platform_figure or ""
    if platform_figure and platform_figure not in Indicator.PlatformFigure.values:
        raise InvalidInput(_("Choose one of the platform's figures."), field="platform_figure")
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position <= 32767:
        raise InvalidInput(_("The position is a whole number from 0 to 32767."), field="position")
    return {
        "name": name,
        "unit": unit,
        "source": source,
        "platform_figure": platform_figure,
        "position": position,
        "is_public": bool(is_public),
    }


@transaction.atomic
def set_value(
    actor: Actor,
    indicator: Indicator,
    *,
    period_start: date,
    period_end: date,
    value,
    note: str = "",
    replace: bool = False,
) -> IndicatorValue:
    """The indicator's value for the period [period_start, period_end] (both days included).

    A period already holding a value is refused unless replace is true; then its value and
    note are replaced (the audit event keeps the old value)."""
    ensure_platform(actor, PERMISSION)
    ensure_person(actor, _("A value is entered by a person."))
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if indicator.platform_figure:
        raise InvalidInput(
            _("The platform counts this indicator itself; its values cannot be entered."),
            field="value",
        )
    _check_period(period_start, period_end)
    number = parse_number(value, "value", percent=indicator.unit.strip() == "%")
    note = _text(note, "note")
    existing = (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, period_start=period_start, period_end=period_end)
        .first()
    )
    if existing is not None and not replace:
        raise Conflict(
            _(
                "A value for this period is already entered (%(value)s); tick “Replace the "
                "value entered” to change it."
            )
            % {"value": display(existing.value)},
            field="period_start",
            code="duplicate",
        )
    if existing is not None:
        old = existing.value
        existing.value, existing.note = number, note
        existing.entered_by, existing.entered_at = actor.user, clock.now()
        existing.save(update_fields=["value", "note", "entered_by", "entered_at"])
        record(actor, "indicator.value_replaced", existing, old=str(old), value=str(number))
        return existing
    try:
        with transaction.atomic():
            entered = IndicatorValue.objects.create(
                indicator=indicator,
                period_start=period_start,
                period_end=period_end,
                value=number,
                note=note,
                entered_by=actor.user,
                entered_at=clock.now(),
            )
    except IntegrityError:
        raise Conflict(
            _("A value for this period is already entered."), field="period_start"
        ) from None
    record(
        actor,
        "indicator.value_set",
        entered,
        indicator=indicator.code,
        period_start=period_start,
        period_end=period_end,
        value=str(number),
    )
    return entered


def _check_period(start, end) -> None:
    if not isinstance(start, date):
        raise InvalidInput(_("Enter the first day of the period."), field="period_start")
    if not isinstance(end, date):
        raise InvalidInput(_("Enter the last day of the period."), field="period_end")
    if end < start:
        raise InvalidInput(_("The period ends before it starts."), field="period_end")
    if start > clock.today():
        raise InvalidInput(
            _("The period has not begun yet; enter a value once it is published."),
            field="period_start",
        )
    if start.year < FIRST_YEAR or end.year > LAST_YEAR:
        raise InvalidInput(_("Enter a period between 1949 and 2100."), field="period_start")


@transaction.atomic
def delete_value(actor: Actor, value: IndicatorValue) -> None:
    ensure_platform(actor, PERMISSION)
    value = IndicatorValue.objects.select_for_update().select_related("indicator").get(pk=value.pk)
    record(
        actor,
        "indicator.value_deleted",
        value,
        indicator=value.indicator.code,
        period_start=value.period_start,
        period_end=value.period_end,
        value=str(value.value),
    )
    value.delete()


@transaction.atomic
def set_target(
    actor: Actor,
    indicator: Indicator,
    *,
    plan: str,
    first_year: int,
    last_year: int,
    kind: str,
    value,
    direction: str = IndicatorTarget.Direction.AT_LEAST,
    base_value=None,
    description: str = "",
) -> IndicatorTarget:
    """The indicator's target for a plan; a target already set for the same plan is replaced.

    value is the level to reach (kind level) or a percentage (change, yearly_growth: −13.5
    for a fall of 13.5 %); base_value is the value before the plan began, needed for a change."""
    ensure_platform(actor, PERMISSION)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    plan = _text(plan, "plan")
    if not plan:
        raise InvalidInput(_("Name the plan, e.g. 十五五."), field="plan")
    for name, year in (("first_year", first_year), ("last_year", last_year)):
        if isinstance(year, bool) or not isinstance(year, int):
            raise InvalidInput(_("Enter a year such as 2026."), field=name)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise InvalidInput(_("Enter a year between 1949 and 2100."), field=name)
    if last_year < first_year:
        raise InvalidInput(_("The plan's last year comes before its first."), field="last_year")
    if kind not in IndicatorTarget.Kind.values:
        raise InvalidInput(_("Choose the kind of target."), field="kind")
    if direction not in IndicatorTarget.Direction.values:
        raise InvalidInput(
            _("Choose whether the target is a floor or a ceiling."), field="direction"
        )
    is_percent = kind != IndicatorTarget.Kind.LEVEL or indicator.unit.strip() == "%"
    number = parse_number(value, "value", percent=is_percent)
    base = None
    if base_value not in (None, ""):
        base = parse_number(base_value, "base_value", percent=indicator.unit.strip() == "%")
    if kind == IndicatorTarget.Kind.CHANGE and base is None:
        raise InvalidInput(
            _("A change is measured against a base value: enter the value before the plan."),
            field="base_value",
        )
    if kind == IndicatorTarget.Kind.CHANGE and base == 0:
        raise InvalidInput(
            _("A change against zero cannot be measured; enter a base value other than 0."),
            field="base_value",
        )
    fields = {
        "first_year": first_year,
        "last_year": last_year,
        "kind": kind,
        "direction": direction,
        "value": number,
        "base_value": base,
        "description": _text(description, "description"),
    }
    target = IndicatorTarget.objects.select_for_update().filter(indicator=indicator, plan=plan)
    target = target.first()
    if target is None:
        target = IndicatorTarget.objects.create(indicator=indicator, plan=plan, **fields)
        verb = "indicator.target_set"
    else:
        for key, new in fields.items():
            setattr(target, key, new)
        target.save(update_fields=list(fields))
        verb = "indicator.target_replaced"
    record(
        actor,
        verb,
        target,
        indicator=indicator.code,
        plan=plan,
        kind=kind,
        direction=direction,
        value=str(number),
        base_value=None if base is None else str(base),
    )
    return target


@transaction.atomic
def delete_target(actor: Actor, target: IndicatorTarget) -> None:
    ensure_platform(actor, PERMISSION)
    target = (
        IndicatorTarget.objects.select_for_update().select_related("indicator").get(pk=target.pk)
    )
    record(
        actor, "indicator.target_deleted", target, indicator=target.indicator.code, plan=target.plan
    )
    target.delete()


def _text(value, name: str) -> str:
    text = (value or "").strip()
    if len(text) > LONGEST[name]:
        raise InvalidInput(
            _("At most %(count)d characters here.") % {"count": LONGEST[name]}, field=name
        )
    return text


# ---------------------------------------------------------------------------------------------
# Numbers


def parse_number(raw, field_name: str, *, percent: bool = False) -> Decimal:
    """A number as typed: full-width digits, thousands separators (2,032) and, where a percentage
    is meant, a trailing % are accepted; 1e3, NaN, 38,3 and text are refused on the field."""
    if isinstance(raw, float | bool):
        raise TypeError("An indicator value is a Decimal, an int or a string, never a float.")
    if isinstance(raw, Decimal | int):
        text = str(raw)
    else:
        text = unicodedata.normalize("NFKC", str(raw or ""))
        text = re.sub(r"\s", "", text).replace("−", "-")
        if percent:
            text = text.removesuffix("%")
    if not _NUMBER.fullmatch(text):
        raise InvalidInput(_("Enter a number, e.g. 38.3 or 2,032."), field=field_name)
    number = Decimal(text.replace(",", ""))
    # Checked before rounding (a 30-digit number cannot be rounded to 4 places in 28 digits)
    # and after it (99999999999999.99999 rounds up to 15 digits).
    if abs(number) >= Decimal(10) ** MAX_INTEGER_DIGITS or (
        abs(number.quantize(PLACES, ROUND_HALF_UP)) >= Decimal(10) ** MAX_INTEGER_DIGITS
    ):
        raise InvalidInput(_("The number is too large."), field=field_name)
    return number.quantize(PLACES, ROUND_HALF_UP)


def display(value: Decimal | None, *, signed: bool = False) -> str:
    """A value as people read it: 2,032 · 38.3 · 0.0015 (at most four places, no trailing 0)."""
    if value is None:
        return "–"
    value = Decimal(value).quantize(PLACES, ROUND_HALF_UP).normalize()
    if value == 0:
        value = Decimal(0)
    text = f"{value:+,f}" if signed else f"{value:,f}"
    return text.replace("-", "−")


def percent_display(value: Decimal | None, *, signed: bool = True) -> str:
    if value is None:
        return "–"
    return display(Decimal(value).quantize(Decimal("0.01"), ROUND_HALF_UP), signed=signed)

"""The district's innovation indicators: what is counted, its values per period, its targets.

An indicator is data (name, unit, who publishes it). Most values are entered by the operator
from the district's published figures; an indicator tied to a platform figure (instruments
shared, SMEs served, orders completed) is counted from the platform's own records instead.
A target belongs to a plan period (the five-year plan) and is either a level to reach
(forest cover 41.05 %), or a change against the plan's base value (high-tech enterprises
doubled: +100 %; energy per unit GDP −13.5 %), or a yearly growth (R&D spending +3 % a year).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Indicator(models.Model):
    class PlatformFigure(models.TextChoices):
        INSTRUMENTS_SHARED = "instruments_shared", _("Instruments that served outside users")
        SMES_SERVED = "smes_served", _("SMEs served")
        ORDERS_COMPLETED = "orders_completed", _("Test orders completed")
        CONTRACT_TURNOVER = (
            "contract_turnover",
            _("Registered technology-contract turnover of R&D cooperation (10,000 yuan)"),
        )

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("indicator"), max_length=100)
    unit = models.CharField(_("unit"), max_length=20)
    source = models.CharField(_("source"), max_length=200, blank=True)
    platform_figure = models.CharField(
        _("counted by the platform"),
        max_length=24,
        choices=PlatformFigure.choices,
        blank=True,
        help_text=_("Leave empty for values entered from published figures."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_public = models.BooleanField(_("shown on the public page"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """A value for a period: a year, or part of one (the figure 'by the end of October')."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    note = models.CharField(_("note"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered"))

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "period_end", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "period_end"], name="indicator_value_once"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="indicator_value_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_start}–{self.period_end}: {self.value}"


class IndicatorTarget(models.Model):
    class Kind(models.TextChoices):
        LEVEL = "level", _("Reach a level")
        CHANGE = "change", _("Change against the base value (%)")
        YEARLY_GROWTH = "yearly_growth", _("Grow every year by (%)")

    class Direction(models.TextChoices):
        AT_LEAST = "at_least", _("at least")
        AT_MOST = "at_most", _("at most")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    plan = models.CharField(
        _("plan"), max_length=40, help_text=_("For example 十四五 (2021–2025).")
    )
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    kind = models.CharField(_("kind of target"), max_length=16, choices=Kind.choices)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.AT_LEAST
    )
    value = models.DecimalField(_("target"), max_digits=18, decimal_places=4)
    base_value = models.DecimalField(
        _("base value"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("The value in the year before the plan began; needed for a change."),
    )
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["indicator", "-last_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")), name="indicator_target_years"
            ),
            models.CheckConstraint(
                condition=~Q(kind="change") | Q(base_value__isnull=False),
                name="indicator_target_change_has_base",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.plan}: {self.value}"

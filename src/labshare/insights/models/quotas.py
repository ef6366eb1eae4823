"""定额机时: the hours a year an instrument is expected to run, the denominator of 利用率.

Universities' rules set 1,400 h/year for general instruments and 800 for special ones; a unit
may set another figure for one instrument. Only the exceptions are stored: an instrument without
a row has its category's default.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from labshare.catalog.models import Instrument

DEFAULT_QUOTA_HOURS = {
    Instrument.Category.GENERAL: Decimal(1400),
    Instrument.Category.SPECIAL: Decimal(800),
}
HOURS_PER_YEAR = 8784  # a leap year's hours: no quota can be larger


class QuotaHours(models.Model):
    instrument = models.OneToOneField(
        Instrument, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    hours = models.PositiveIntegerField(
        _("quota hours per year"),
        validators=[MinValueValidator(1), MaxValueValidator(HOURS_PER_YEAR)],
    )
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("quota hours")
        verbose_name_plural = _("quota hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gte=1, hours__lte=HOURS_PER_YEAR),
                name="quota_hours_in_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument_id}: {self.hours} h"

    @property
    def audit_organization_id(self) -> int:
        return self.instrument.organization_id

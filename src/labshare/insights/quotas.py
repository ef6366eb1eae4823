"""定额机时 set by a provider for one of its instruments, or returned to the category's default.

The only write of insights besides the district's indicators: a unit may expect more or fewer
hours of an instrument than its category's 1,400 (general) or 800 (special).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from labshare.catalog.models import Instrument
from labshare.core import clock
from labshare.core.access import ensure_can, ensure_person
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import InvalidInput
from labshare.insights.models.quotas import DEFAULT_QUOTA_HOURS, HOURS_PER_YEAR, QuotaHours


def quota_of(instrument: Instrument) -> int:
    own = QuotaHours.objects.filter(instrument=instrument).values_list("hours", flat=True).first()
    return own or int(DEFAULT_QUOTA_HOURS[instrument.category])


@transaction.atomic
def set_quota_hours(actor: Actor, instrument: Instrument, hours) -> int:
    """Set the instrument's quota hours a year; the category's default clears the exception."""
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    ensure_can(actor, "insights.edit_quota", instrument.organization_id)
    ensure_person(actor, _("Quota hours are set by a person."))
    try:
        hours = int(str(hours).strip())
    except ValueError:
        raise InvalidInput(_("Enter the hours as a whole number."), field="hours") from None
    if not 1 <= hours <= HOURS_PER_YEAR:
        raise InvalidInput(
            _("Quota hours lie between 1 and %(max)d a year.") % {"max": HOURS_PER_YEAR},
            field="hours",
        )
    before = quota_of(instrument)
    if hours == DEFAULT_QUOTA_HOURS[instrument.category]:
        QuotaHours.objects.filter(instrument=instrument).delete()
    else:
        QuotaHours.objects.update_or_create(
            instrument=instrument,
            defaults={"hours": hours, "set_by": actor.user, "updated_at": clock.now()},
        )
    record(actor, "quota_hours.set", instrument, before=before, after=hours)
    return hours

"""Staff enter usage (有效机时) that did not come from a check-out."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from labshare.accounts.models import Organization
from labshare.booking.models import Reservation, UsageRecord
from labshare.booking.rules import check_interval, may_operate
from labshare.booking.services.common import ensure_recorder, ensure_staff
from labshare.catalog.models import Instrument
from labshare.core import clock
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import Conflict, InvalidInput


@transaction.atomic
def record_usage(
    actor: Actor,
    instrument: Instrument,
    *,
    start: datetime,
    end: datetime,
    operator,
    user_organization: Organization,
    reservation: Reservation | None = None,
    note: str = "",
) -> UsageRecord:
    """Record effective hours: preparation, testing and necessary post-processing, idle time excluded."""
    ensure_staff(actor, instrument, "booking.operate")
    ensure_recorder(actor)
    check_interval(start, end)
    if end > clock.now():
        raise InvalidInput(_("Usage can only be recorded once it has happened."), field="end")
    if not may_operate(operator, instrument):
        raise InvalidInput(_("The operator must be one of the provider's staff."), field="operator")
    if reservation is not None:
        # Locked: a check-out of the same reservation cannot record its usage at the same time.
        reservation = Reservation.objects.select_for_update().get(pk=reservation.pk)
        if reservation.instrument_id != instrument.pk:
            raise InvalidInput(_("The reservation is for another instrument."), field="reservation")
        if reservation.status in (Reservation.Status.CANCELLED, Reservation.Status.REJECTED):
            raise InvalidInput(
                _("A cancelled or rejected reservation has no usage."), field="reservation"
            )
        if reservation.organization_id != user_organization.pk:
            raise InvalidInput(
                _("The user organization must be the one that made the reservation."),
                field="user_organization",
            )
        if UsageRecord.objects.filter(reservation=reservation).exists():
            raise Conflict(_("This reservation already has a usage record."), field="reservation")
    return write_usage(
        actor,
        instrument,
        reservation=reservation,
        user_organization=user_organization,
        operator=operator,
        start=start,
        end=end,
        source=UsageRecord.Source.STAFF,
        note=note.strip()[:200],
    )


def write_usage(
    actor: Actor, instrument: Instrument, *, user_organization, source, **fields
) -> UsageRecord:
    """The record and its audit event, once the caller has checked what its path requires.

    Time used by anybody outside the provider counts as outside service (对外服务机时).
    """
    usage = UsageRecord.objects.create(
        instrument=instrument,
        user_organization=user_organization,
        is_outside=user_organization.pk != instrument.organization_id,
        source=source,
        recorded_by=actor.user,
        **fields,
    )
    details = {"hours": str(usage.hours), "source": source}
    if usage.effective_minutes is not None:
        details.update(elapsed_hours=str(usage.elapsed_hours), reason=usage.adjustment_reason)
    record(actor, "usage.recorded", usage, **details)
    return usage

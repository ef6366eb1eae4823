"""Provider staff grant and revoke users' qualifications to operate an instrument alone."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from labshare.booking.models import Qualification
from labshare.booking.services.common import ensure_staff
from labshare.catalog.models import Instrument
from labshare.core import clock
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import InvalidInput, InvalidState


@transaction.atomic
def grant_qualification(
    actor: Actor, instrument: Instrument, user, expires_on: date | None = None
) -> Qualification:
    """Grant (or renew) a user's qualification; a current one is replaced."""
    ensure_staff(actor, instrument, "booking.qualify")
    # One grant per instrument at a time, so two clicks cannot both replace the current one.
    Instrument.objects.select_for_update().filter(pk=instrument.pk).values_list("pk").first()
    today = clock.today()
    if expires_on is not None and expires_on < today:
        raise InvalidInput(_("The expiry date is in the past."), field="expires_on")
    now = clock.now()
    Qualification.objects.filter(instrument=instrument, user=user, revoked_at__isnull=True).update(
        revoked_at=now
    )
    qualification = Qualification.objects.create(
        instrument=instrument, user=user, granted_by=actor.user, expires_on=expires_on
    )
    record(
        actor,
        "booking.qualification_granted",
        instrument,
        user=user.username,
        expires_on=expires_on,
    )
    return qualification


@transaction.atomic
def revoke_qualification(actor: Actor, qualification: Qualification) -> Qualification:
    qualification = Qualification.objects.select_for_update().get(pk=qualification.pk)
    ensure_staff(actor, qualification.instrument, "booking.qualify")
    if qualification.revoked_at is not None:
        raise InvalidState(_("This qualification is already revoked."))
    qualification.revoked_at = clock.now()
    qualification.save(update_fields=["revoked_at"])
    record(
        actor,
        "booking.qualification_revoked",
        qualification.instrument,
        user=qualification.user.username,
    )
    return qualification

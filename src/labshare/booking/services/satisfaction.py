"""The user rates a completed reservation: five levels and a comment, once (the national
service record's 满意度 for instrument jobs)."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from labshare.booking.models import Reservation, Satisfaction
from labshare.core import clock
from labshare.core.access import ensure_can, ensure_person
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import Conflict, InvalidInput, InvalidState

COMMENT_MAX = 200


@transaction.atomic
def rate_reservation(
    actor: Actor, reservation: Reservation, rating: int, comment: str = ""
) -> Satisfaction:
    reservation = (
        Reservation.objects.select_for_update(of=("self",))
        .select_related("instrument")
        .get(pk=reservation.pk)
    )
    ensure_can(actor, "booking.request", reservation.organization_id)  # who may book may rate
    ensure_person(actor, _("A rating is given by a person."))
    if reservation.status != Reservation.Status.COMPLETED:
        raise InvalidState(
            _("A reservation is rated once it has been used and checked out."), code="not_done"
        )
    if reservation.organization_id == reservation.instrument.organization_id:
        # The satisfaction asked for is an outside user's; staff do not rate their own unit.
        raise InvalidState(_("Bookings of the provider's own unit are not rated."), code="own")
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise InvalidInput(_("Rate from 1 to 5."), field="rating")
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise InvalidInput(
            _("Keep the comment within %(count)d characters.") % {"count": COMMENT_MAX},
            field="comment",
        )
    satisfaction = Satisfaction(
        reservation=reservation,
        rating=rating,
        comment=comment,
        created_by=actor.user,
        created_at=clock.now(),
    )
    try:
        with transaction.atomic():
            satisfaction.save(force_insert=True)
    except IntegrityError as exc:
        raise Conflict(_("This reservation has been rated already."), code="rated") from exc
    record(actor, "reservation.rated", reservation, rating=rating)
    return satisfaction

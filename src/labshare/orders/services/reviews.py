"""The client's review of a completed order and the provider's one answer."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from labshare.core import clock
from labshare.core.access import ensure_person
from labshare.core.actors import Actor
from labshare.core.audit import record
from labshare.core.errors import Conflict, InvalidInput, InvalidState
from labshare.orders import notifications
from labshare.orders.models import Review, ServiceOrder
from labshare.orders.services.common import ensure_customer, ensure_provider, ensure_status, locked


@transaction.atomic
def review_order(
    actor: Actor, order: ServiceOrder, rating: int, sentiment: str, comment: str = ""
) -> Review:
    order = locked(order)
    ensure_customer(actor, order)
    ensure_person(actor, _("A review is written by a person."))
    ensure_status(order, ServiceOrder.Status.COMPLETED)
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise InvalidInput(_("Rate from 1 to 5."), field="rating")
    if sentiment not in Review.Sentiment.values:
        raise InvalidInput(_("Choose good, average or poor."), field="sentiment")
    review = Review(
        order=order,
        rating=rating,
        sentiment=sentiment,
        comment=(comment or "").strip()[:500],
        created_by=actor.user,
        created_at=clock.now(),
    )
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError as exc:
        raise Conflict(_("This order has been reviewed already."), code="reviewed") from exc
    record(actor, "review.written", review, rating=rating, sentiment=sentiment)
    notifications.reviewed(order, review)
    return review


@transaction.atomic
def reply_to_review(actor: Actor, review: Review, reply: str) -> Review:
    review = Review.objects.select_for_update().select_related("order").get(pk=review.pk)
    ensure_provider(actor, review.order)
    ensure_person(actor, _("An answer is written by a person."))
    if review.replied_at is not None:
        raise InvalidState(_("The provider has answered this review already."), code="answered")
    reply = (reply or "").strip()
    if not reply:
        raise InvalidInput(_("Write the answer."), field="reply")
    review.reply, review.replied_at = reply[:500], clock.now()
    review.save(update_fields=["reply", "replied_at"])
    record(actor, "review.answered", review)
    return review

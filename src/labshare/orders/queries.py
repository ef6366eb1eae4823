"""Reads of the testing service: the customer's and the provider's order lists, one order's
whole picture, the lab's worklist, ratings."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from labshare.accounts.models import Membership, Organization
from labshare.catalog.models import TestService
from labshare.catalog.testing_queries import public_test_services
from labshare.core import clock
from labshare.core.access import can
from labshare.orders.models import Result, Review, ServiceOrder, Signatory, TestReport

S = ServiceOrder.Status
CUSTOMER_SHOWS = {
    "open": (*ServiceOrder.CANCELLABLE, S.SAMPLES_RECEIVED, S.TESTING, S.REPORTED),
    "done": (S.COMPLETED,),
    "closed": (S.REJECTED, S.DECLINED, S.CANCELLED),
}
PROVIDER_TABS = {
    "new": ((S.SUBMITTED,), _("To quote")),
    "waiting": ((S.QUOTED, S.ACCEPTED), _("Quoted or waiting for samples")),
    "lab": ((S.SAMPLES_RECEIVED, S.TESTING), _("In the lab")),
    "overdue": ((S.SAMPLES_RECEIVED, S.TESTING), _("Overdue")),
    "reported": ((S.REPORTED, S.COMPLETED), _("Reported")),
    "closed": ((S.REJECTED, S.DECLINED, S.CANCELLED), _("Closed")),
}


def _list(orders: QuerySet) -> QuerySet:
    return orders.select_related("provider", "customer", "created_by").prefetch_related(
        Prefetch("items", to_attr="item_list"), "items__test_service"
    )


def offered_service(pk) -> TestService | None:
    """The published test item an order starts from (?service=), or None."""
    if not str(pk or "").isdigit():
        return None
    return public_test_services().select_related("organization").filter(pk=int(pk)).first()


def offered_by(provider: Organization) -> QuerySet:
    """The provider's published test items, the choices of one order."""
    return public_test_services().filter(organization=provider).order_by("name_sort", "id")


def report_by_number(number: str) -> TestReport | None:
    return (
        TestReport.objects.select_related("provider", "replaces", "order")
        .defer("pdf")
        .filter(number=number)
        .first()
    )


def replacement_of(report: TestReport) -> TestReport | None:
    return TestReport.objects.defer("pdf").filter(replaces=report).first()


def customer_orders(organization, show: str) -> QuerySet:
    orders = ServiceOrder.objects.filter(customer=organization)
    if show in CUSTOMER_SHOWS:
        orders = orders.filter(status__in=CUSTOMER_SHOWS[show])
    return _list(orders).order_by("-created_at", "-id")


def provider_orders(organization, tab: str) -> QuerySet:
    statuses, _label = PROVIDER_TABS[tab]
    orders = ServiceOrder.objects.filter(provider=organization, status__in=statuses)
    if tab == "overdue":
        orders = orders.filter(due_date__lt=clock.today())
    order_by = ("due_date", "id") if tab in ("lab", "overdue") else ("-created_at", "-id")
    return _list(orders).order_by(*order_by)


def tab_counts(organization) -> dict[str, int]:
    counts = dict(
        ServiceOrder.objects.filter(provider=organization)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    result = {
        tab: sum(counts.get(s, 0) for s in statuses)
        for tab, (statuses, _l) in PROVIDER_TABS.items()
    }
    result["overdue"] = ServiceOrder.objects.filter(
        provider=organization, status__in=PROVIDER_TABS["overdue"][0], due_date__lt=clock.today()
    ).count()
    return result


def tabs_with_counts(organization) -> list[tuple[str, str, int]]:
    counts = tab_counts(organization)
    return [(tab, label, counts[tab]) for tab, (_s, label) in PROVIDER_TABS.items()]


def is_overdue(order: ServiceOrder) -> bool:
    return (
        order.due_date is not None
        and order.status in (S.SAMPLES_RECEIVED, S.TESTING)
        and order.due_date < clock.today()
    )


TIMELINE = [
    ("created_at", _("Drafted")),
    ("submitted_at", _("Submitted")),
    ("quoted_at", _("Quoted")),
    ("accepted_at", _("Quote accepted")),
    ("received_at", _("Samples received")),
    ("testing_at", _("Testing started")),
    ("reported_at", _("Report issued")),
    ("completed_at", _("Completed")),
    ("closed_at", _("Closed")),
]


def timeline(order: ServiceOrder) -> list[tuple[str, object]]:
    return [(label, getattr(order, name)) for name, label in TIMELINE if getattr(order, name)]


@dataclass
class GridRow:
    sample: object
    item: object
    result: Result | None


def order_picture(order: ServiceOrder) -> dict:
    """Everything one order's page shows, in a fixed number of queries."""
    items = list(order.items.select_related("test_service"))
    samples = list(order.samples.all())
    results = {
        (r.sample_id, r.item_id): r
        for r in Result.objects.filter(item__order=order).select_related("entered_by", "checked_by")
    }
    grid = [GridRow(s, i, results.get((s.pk, i.pk))) for s in samples for i in items]
    return {
        "items": items,
        "quote_lines": list(order.quote_lines.all()),
        "samples": samples,
        "grid": grid,
        "results_done": sum(1 for row in grid if row.result),
        "results_checked": sum(
            1 for row in grid if row.result and row.result.state == Result.State.CHECKED
        ),
        "reports": list(
            order.reports.select_related("replaces", "approved_by")
            .defer("pdf")
            .order_by("-issued_at", "-id")
        ),
        "bookings": [
            b.reservation for b in order.bookings.select_related("reservation__instrument")
        ],
        "review": Review.objects.filter(order=order).first(),
        "timeline": timeline(order),
        "overdue": is_overdue(order),
    }


def worklist(organization, user) -> dict:
    """The lab's three queues: results to enter, results to check (entered by somebody else or
    self-verifiable), reports to approve (the user's scope)."""
    testing = ServiceOrder.objects.filter(provider=organization, status=S.TESTING)
    # The service refuses a checker who entered a result; the list shows every order waiting.
    to_check = testing.filter(items__results__state=Result.State.ENTERED).distinct()
    signatory = Signatory.objects.filter(organization=organization, user=user).first()
    to_approve = ServiceOrder.objects.none()
    if signatory is not None:
        to_approve = testing.exclude(
            items__results__state__in=(Result.State.ENTERED, Result.State.RETURNED)
        )
    return {
        "to_enter": _list(testing).order_by("due_date", "id"),
        "to_check": _list(to_check).order_by("due_date", "id"),
        "to_approve": [o for o in _list(to_approve).order_by("due_date", "id") if _all_in(o)],
        "is_signatory": signatory is not None,
    }


def _all_in(order: ServiceOrder) -> bool:
    return Result.objects.filter(item__order=order).count() == order.sample_count * len(
        order.item_list
    )


def rating_of(**filters) -> dict:
    """Average rating, count and share of good reviews (好评率) of the reviews matching filters."""
    figures = Review.objects.filter(**filters).aggregate(
        average=Avg("rating"), count=Count("id"), good=Count("id", filter=Q(sentiment="good"))
    )
    count = figures["count"]
    return {
        "average": round(figures["average"], 1) if count else None,
        "count": count,
        "good_share": round(100 * figures["good"] / count) if count else None,
    }


def provider_reviews(organization, limit: int = 5) -> list[Review]:
    return list(
        Review.objects.filter(order__provider=organization)
        .select_related("order__customer")
        .order_by("-created_at")[:limit]
    )


def signatories(organization) -> list[Signatory]:
    return list(
        Signatory.objects.filter(organization=organization)
        .select_related("user")
        .prefetch_related("test_services")
    )


def provider_members(organization) -> list[Membership]:
    return list(
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("user__username")
    )


def valid_report(order: ServiceOrder) -> TestReport | None:
    return order.reports.filter(status=TestReport.Status.VALID).defer("pdf").first()


def may_act(actor, order: ServiceOrder) -> dict[str, bool]:
    """What the page offers each side (the services decide for real)."""
    customer = can(actor, "orders.request", order.customer_id)
    return {
        "submit": customer and order.status == S.DRAFT,
        "accept": customer and order.status == S.QUOTED,
        "cancel": customer and order.status in ServiceOrder.CANCELLABLE,
        "complete": customer and order.status == S.REPORTED,
        "review": customer and order.status == S.COMPLETED,
    }


def is_signatory(organization, user) -> bool:
    return Signatory.objects.filter(organization=organization, user=user).exists()


def staff_may(actor, order: ServiceOrder) -> dict[str, bool]:
    """What the lab's page offers (the services decide for real)."""
    quote = can(actor, "orders.quote", order.provider_id)
    test = can(actor, "orders.test", order.provider_id)
    status = order.status
    review = Review.objects.filter(order=order).first()
    return {
        "quote": quote and status == S.SUBMITTED,
        "receive": quote and status == S.ACCEPTED,
        "start": test and status == S.SAMPLES_RECEIVED,
        "book": test and status in (S.ACCEPTED, S.SAMPLES_RECEIVED, S.TESTING),
        "enter": test and status == S.TESTING,
        "check": test
        and status == S.TESTING
        and Result.objects.filter(item__order=order, state=Result.State.ENTERED).exists(),
        "approve": test and status == S.TESTING and is_signatory(order.provider, actor.user),
        "correct": test and status == S.REPORTED,
        "close": quote and status == S.REPORTED,
        "reply": quote and review is not None and not review.reply,
        "labels": test and order.samples.exists(),
    }

"""Reads of the testing service: the customer's and the provider's order lists, one order's
whole picture, the lab's worklist, ratings."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from labshare.accounts.models import Organization
from labshare.catalog.models import TestService
from labshare.catalog.testing_queries import public_test_services
from labshare.core import clock
from labshare.core.access import can
from labshare.orders.models import (
    OrderItem,
    Result,
    Review,
    ServiceOrder,
    Signatory,
    TestReport,
)

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
    items = OrderItem.objects.select_related("test_service").order_by("id")
    return orders.select_related("provider", "customer", "created_by").prefetch_related(
        Prefetch("items", queryset=items, to_attr="item_list")
    )


def offered_service(pk) -> TestService | None:
    """The published test item an order starts from (?service=), or None."""
    text = str(pk or "")
    if not (text.isascii() and text.isdigit()) or len(text) > 12:
        return None
    return public_test_services().select_related("organization").filter(pk=int(text)).first()


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


def samples_of(order: ServiceOrder) -> list:
    return list(order.samples.order_by("number"))


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


WORKLIST_SHOWN = 20  # of each queue; the order tabs list them all, page by page


def _with_counts(orders: QuerySet) -> QuerySet:
    """Orders with how many results they have, need, and whether one was sent back."""
    results = Result.objects.filter(item__order=OuterRef("pk"))
    count = results.values("item__order").annotate(n=Count("id")).values("n")
    items = (
        OrderItem.objects.filter(order=OuterRef("pk"))
        .values("order")
        .annotate(n=Count("id"))
        .values("n")
    )
    return orders.annotate(
        results_in=Coalesce(Subquery(count), 0),
        results_needed=Coalesce(Subquery(items), 0) * F("sample_count"),
        returned=Exists(results.filter(state=Result.State.RETURNED)),
        entered=Exists(results.filter(state=Result.State.ENTERED)),
    )


def worklist(organization, user) -> dict:
    """The lab's three queues: results to enter (missing or sent back), results to check, and
    reports to approve (every result checked; only for a signatory). The services decide who
    may do each step; the queues show every order waiting for it."""
    testing = _with_counts(
        ServiceOrder.objects.filter(provider=organization, status=S.TESTING)
    ).order_by("due_date", "id")
    queues = {
        "to_enter": testing.filter(Q(results_in__lt=F("results_needed")) | Q(returned=True)),
        "to_check": testing.filter(entered=True),
    }
    signs = is_signatory(organization, user)
    queues["to_approve"] = (
        testing.filter(results_in=F("results_needed"), entered=False, returned=False)
        if signs
        else ServiceOrder.objects.none()
    )
    context = {"is_signatory": signs, "shown": WORKLIST_SHOWN}
    for name, orders in queues.items():
        shown = list(_list(orders)[:WORKLIST_SHOWN])
        for order in shown:
            order.overdue = is_overdue(order)
        context[name] = shown
        context[f"{name}_count"] = orders.count()
    return context


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


def signatories(organization) -> list[Signatory]:
    return list(
        Signatory.objects.filter(organization=organization)
        .select_related("user")
        .prefetch_related("test_services")
    )


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


def staff_may(actor, order: ServiceOrder, picture: dict) -> dict[str, bool]:
    """What the lab's page offers, from the order's picture (the services decide for real)."""
    quote = can(actor, "orders.quote", order.provider_id)
    test = can(actor, "orders.test", order.provider_id)
    status = order.status
    review = picture["review"]
    user_id = actor.user.pk if actor.user else None
    checkable = any(
        row.result is not None
        and row.result.state == Result.State.ENTERED
        and (row.result.entered_by_id != user_id or row.item.self_verification)
        for row in picture["grid"]
    )
    return {
        "quote": quote and status == S.SUBMITTED,
        "receive": quote and status == S.ACCEPTED,
        "start": test and status == S.SAMPLES_RECEIVED,
        "book": test and status in (S.ACCEPTED, S.SAMPLES_RECEIVED, S.TESTING),
        "enter": test and status == S.TESTING,
        "check": test and status == S.TESTING and checkable,
        "approve": test and status == S.TESTING and is_signatory(order.provider, actor.user),
        "correct": test and status in (S.REPORTED, S.COMPLETED),
        "close": quote and status == S.REPORTED,
        "reply": quote and review is not None and not review.reply,
        "labels": test and bool(picture["samples"]),
    }

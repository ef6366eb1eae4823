"""Who hears about a test order, and what they read: each transition tells the side that must
act next. Called inside the services' transactions (see core.notify)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from labshare.booking.notifications import in_platform_language
from labshare.core.access import holding_users
from labshare.core.notify import Message, notify, notify_all
from labshare.orders.models import Result, Review, ServiceOrder, Signatory, TestReport

VERB = "order"


def _customers(order: ServiceOrder):
    """The customer's people who order tests (whoever placed this one among them, while they
    are still a member)."""
    return holding_users("orders.request", order.customer_id)


def _provider(order: ServiceOrder, permission: str = "orders.quote"):
    return holding_users(permission, order.provider_id)


def _facts(order: ServiceOrder) -> dict:
    return {
        "number": order.number,
        "provider": order.provider.name,
        "customer": order.customer.name,
        "samples": order.sample_count,
        "status": order.get_status_display(),
    }


def _body(order: ServiceOrder, lead: str, next_step: str) -> str:
    facts = _facts(order)
    return "\n".join(
        [
            lead,
            "",
            _("Order: %(number)s") % facts,
            _("Client: %(customer)s") % facts,
            _("Provider: %(provider)s") % facts,
            _("Samples: %(samples)d") % facts,
            _("Status: %(status)s") % facts,
            "",
            next_step,
        ]
    )


def _customer_url(order: ServiceOrder) -> str:
    return reverse("orders:order_detail", args=[order.pk])


def _staff_url(order: ServiceOrder) -> str:
    return reverse("orders:console_order", args=[order.pk])


@in_platform_language
def submitted(order: ServiceOrder) -> None:
    notify(
        _provider(order),
        f"{VERB}.submitted",
        _("New test order %(number)s from %(customer)s") % _facts(order),
        _body(order, _("A client sent a test order."), _("Quote it or reject it with a reason.")),
        _staff_url(order),
    )


@in_platform_language
def quoted(order: ServiceOrder) -> None:
    facts = _facts(order) | {"total": order.quote_total, "date": order.expected_date}
    notify(
        _customers(order),
        f"{VERB}.quoted",
        _("Quote for test order %(number)s: %(total)s CNY") % facts,
        _body(
            order,
            _("%(provider)s quoted %(total)s CNY, report expected by %(date)s.") % facts,
            _("Accept the quote, then send the samples; or decline it."),
        ),
        _customer_url(order),
    )


@in_platform_language
def rejected(order: ServiceOrder) -> None:
    notify(
        _customers(order),
        f"{VERB}.rejected",
        _("Test order %(number)s was not accepted") % _facts(order),
        _body(
            order, _("Reason: %(reason)s") % {"reason": order.reason}, _("You may order elsewhere.")
        ),
        _customer_url(order),
    )


@in_platform_language
def accepted(order: ServiceOrder) -> None:
    notify(
        _provider(order),
        f"{VERB}.accepted",
        _("Quote accepted: test order %(number)s") % _facts(order),
        _body(
            order, _("The client accepted the quote."), _("Receive the samples when they arrive.")
        ),
        _staff_url(order),
    )


@in_platform_language
def declined(order: ServiceOrder) -> None:
    notify(
        _provider(order),
        f"{VERB}.declined",
        _("Quote declined: test order %(number)s") % _facts(order),
        _body(order, _("Reason: %(reason)s") % {"reason": order.reason}, _("Nothing more to do.")),
        _staff_url(order),
    )


@in_platform_language
def cancelled(order: ServiceOrder) -> None:
    notify(
        _provider(order),
        f"{VERB}.cancelled",
        _("Test order %(number)s was cancelled") % _facts(order),
        _body(order, _("Reason: %(reason)s") % {"reason": order.reason}, _("Nothing more to do.")),
        _staff_url(order),
    )


@in_platform_language
def received(order: ServiceOrder) -> None:
    facts = _facts(order) | {"due": order.due_date}
    notify_all(
        f"{VERB}.received",
        [
            Message(
                _customers(order),
                _("Samples received: test order %(number)s") % facts,
                _body(
                    order,
                    _("The lab received your samples; the report is due by %(due)s.") % facts,
                    _("Nothing to do: you will hear when the report is issued."),
                ),
                _customer_url(order),
            ),
            Message(
                _provider(order, "orders.test"),
                _("Samples in: test order %(number)s is due by %(due)s") % facts,
                _body(order, _("The samples are in."), _("Start testing and enter the results.")),
                _staff_url(order),
            ),
        ],
    )


@in_platform_language
def checked(order: ServiceOrder) -> None:
    """Once every result is in and checked, the signatories whose scope covers every item."""
    items = set(order.items.values_list("test_service_id", flat=True))
    results = Result.objects.filter(item__order=order)
    if (
        results.count() < order.sample_count * len(items)
        or results.exclude(state=Result.State.CHECKED).exists()
    ):
        return
    testers = {user.pk for user in holding_users("orders.test", order.provider_id)}
    signatories = [
        s.user
        for s in Signatory.objects.filter(organization=order.provider, user__in=testers)
        .select_related("user")
        .prefetch_related("test_services")
        if items <= {service.pk for service in s.test_services.all()}
    ]
    notify(
        signatories,
        f"{VERB}.checked",
        _("Results checked: test order %(number)s waits for approval") % _facts(order),
        _body(
            order, _("Results were checked."), _("Approve the report once every result is checked.")
        ),
        _staff_url(order),
    )


@in_platform_language
def returned(order: ServiceOrder, result: Result) -> None:
    notify(
        [result.entered_by],
        f"{VERB}.returned",
        _("A result was sent back: test order %(number)s") % _facts(order),
        _body(
            order,
            _("Sample %(sample)s: %(reason)s")
            % {"sample": result.sample.number, "reason": result.return_reason},
            _("Enter the result again."),
        ),
        _staff_url(order),
    )


@in_platform_language
def reported(order: ServiceOrder, report: TestReport, replaced: TestReport | None) -> None:
    facts = _facts(order) | {"report": report.number}
    if replaced is not None:
        facts["old"] = replaced.number
        title = _("Corrected report %(report)s replaces %(old)s") % facts
        lead = _("Report %(old)s is void; download the corrected report %(report)s.") % facts
    else:
        title = _("Test report %(report)s is ready") % facts
        lead = _("The report of test order %(number)s was issued.") % facts
    notify(
        _customers(order),
        f"{VERB}.reported",
        title,
        _body(order, lead, _("Download the report, then confirm the order as completed.")),
        _customer_url(order),
    )


@in_platform_language
def correcting(order: ServiceOrder, report: TestReport) -> None:
    """A correction is under way: the client hears that the report will be replaced, the lab's
    testers that results wait to be checked again."""
    facts = _facts(order) | {"report": report.number, "reason": order.correction_reason}
    notify_all(
        f"{VERB}.correcting",
        [
            Message(
                _customers(order),
                _("Report %(report)s is being corrected") % facts,
                _body(
                    order,
                    _("The lab is correcting report %(report)s: %(reason)s") % facts,
                    _("You will be told when the corrected report replaces it."),
                ),
                _customer_url(order),
            ),
            Message(
                _provider(order, "orders.test"),
                _("Correction of report %(report)s: check the results again") % facts,
                _body(
                    order,
                    _("The order is reopened for correction."),
                    _("Correct and check the results, then approve the new report."),
                ),
                _staff_url(order),
            ),
        ],
    )


@in_platform_language
def completed(order: ServiceOrder) -> None:
    notify(
        _customers(order),
        f"{VERB}.completed",
        _("Test order %(number)s is completed") % _facts(order),
        _body(order, _("The order is completed."), _("Tell others how it went: rate the order.")),
        _customer_url(order),
    )


@in_platform_language
def reviewed(order: ServiceOrder, review: Review) -> None:
    notify(
        _provider(order),
        f"{VERB}.reviewed",
        _("Test order %(number)s was rated %(rating)d/5")
        % (_facts(order) | {"rating": review.rating}),
        _body(order, review.comment or review.get_sentiment_display(), _("You may answer once.")),
        _staff_url(order),
    )

"""Every write of the testing service: orders, samples, results, reports, reviews."""

from labshare.orders.services.lab import (
    book_test_time,
    check_results,
    enter_result,
    enter_results,
    receive_samples,
    return_result,
    start_testing,
)
from labshare.orders.services.ordering import (
    accept_quote,
    cancel_order,
    decline_quote,
    draft_order,
    quote_order,
    reject_order,
    submit_order,
)
from labshare.orders.services.reports import (
    appoint_signatory,
    approve_report,
    complete_order,
    start_correction,
)
from labshare.orders.services.reviews import reply_to_review, review_order

__all__ = [
    "accept_quote",
    "appoint_signatory",
    "approve_report",
    "book_test_time",
    "cancel_order",
    "check_results",
    "complete_order",
    "decline_quote",
    "draft_order",
    "enter_result",
    "enter_results",
    "quote_order",
    "receive_samples",
    "reject_order",
    "reply_to_review",
    "return_result",
    "review_order",
    "start_correction",
    "start_testing",
    "submit_order",
]

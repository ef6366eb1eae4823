from django.urls import path

from labshare.orders.views import console, customer, lab, public, reports

app_name = "orders"
urlpatterns = [
    # The client.
    path("orders/new/", customer.order_new, name="order_new"),
    path("orders/", customer.my_orders, name="my_orders"),
    path("orders/<int:pk>/", customer.order_detail, name="order_detail"),
    path("orders/<int:pk>/submit/", customer.order_submit, name="order_submit"),
    path("orders/<int:pk>/accept/", customer.order_accept, name="order_accept"),
    path("orders/<int:pk>/decline/", customer.order_decline, name="order_decline"),
    path("orders/<int:pk>/cancel/", customer.order_cancel, name="order_cancel"),
    path("orders/<int:pk>/complete/", customer.order_complete, name="order_complete"),
    path("orders/<int:pk>/review/", customer.order_review, name="order_review"),
    # Both sides: the issued file.
    path("reports/<int:pk>/pdf/", reports.report_pdf, name="report_pdf"),
    # Anybody: is this report genuine and still valid?
    path("reports/verify/<str:number>/", public.report_verify, name="report_verify"),
    # The provider's lab.
    path("console/orders/", console.console_orders, name="console_orders"),
    path("console/orders/<int:pk>/", console.console_order, name="console_order"),
    path("console/orders/<int:pk>/quote/", console.order_quote, name="order_quote"),
    path("console/orders/<int:pk>/reject/", console.order_reject, name="order_reject"),
    path("console/orders/<int:pk>/receive/", console.order_receive, name="order_receive"),
    path("console/orders/<int:pk>/labels/", console.sample_labels, name="sample_labels"),
    path("console/orders/<int:pk>/start/", console.order_start, name="order_start"),
    path("console/orders/<int:pk>/book/", console.order_book, name="order_book"),
    path("console/orders/<int:pk>/results/", lab.order_results, name="order_results"),
    path("console/orders/<int:pk>/check/", lab.order_check, name="order_check"),
    path(
        "console/orders/<int:pk>/results/<int:result_pk>/return/",
        lab.result_return,
        name="result_return",
    ),
    path("console/orders/<int:pk>/approve/", lab.order_approve, name="order_approve"),
    path("console/orders/<int:pk>/correct/", lab.order_correct, name="order_correct"),
    path("console/orders/<int:pk>/close/", lab.order_close, name="order_close"),
    path("console/reviews/<int:pk>/reply/", lab.review_reply, name="review_reply"),
    path("console/worklist/", lab.worklist, name="worklist"),
    path("console/signatories/", lab.signatories, name="signatories"),
]

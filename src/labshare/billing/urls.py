from django.urls import path

from labshare.billing.views import customer, files, operator, prices, provider

app_name = "billing"

urlpatterns = [
    # the customer
    path("", customer.overview, name="overview"),
    path("charges/", customer.charges, name="charges"),
    path("charges/<int:pk>/dispute/", customer.dispute, name="dispute"),
    path("statements/", customer.statements, name="statements"),
    # either side of a statement
    path("statement/<int:pk>/", provider.statement_detail, name="statement"),
    path("statement/<int:pk>/pdf/", files.statement_pdf, name="statement_pdf"),
    path("statement/<int:pk>/xlsx/", files.statement_xlsx, name="statement_xlsx"),
    # the provider
    path("console/prices/", prices.price_lists, name="price_lists"),
    path("console/prices/<str:kind>/<int:pk>/", prices.item_prices, name="item_prices"),
    path("console/price/<int:pk>/end/", prices.end_price, name="end_price"),
    path("console/charges/", provider.provider_charges, name="provider_charges"),
    path("console/runs/", provider.runs, name="runs"),
    path("console/runs/start/", provider.start_run, name="start_run"),
    path("console/runs/<int:pk>/", provider.run_detail, name="run"),
    path("console/runs/<int:pk>/issue/", provider.issue_run, name="issue_run"),
    path("console/jobs/<int:pk>/", provider.job_status, name="job"),
    path("console/statements/", provider.provider_statements, name="provider_statements"),
    path("console/statement/<int:pk>/payment/", provider.record_payment, name="record_payment"),
    path("console/statement/<int:pk>/fapiao/", provider.record_fapiao, name="record_fapiao"),
    path("console/disputes/", provider.disputes, name="disputes"),
    path("console/disputes/<int:pk>/approve/", provider.approve_dispute, name="approve_dispute"),
    path("console/disputes/<int:pk>/deny/", provider.deny_dispute, name="deny_dispute"),
    # the operator
    path("vouchers/", operator.programmes, name="programmes"),
    path("vouchers/new/", operator.new_programme, name="new_programme"),
    path("vouchers/<int:pk>/", operator.programme_detail, name="programme"),
    path("vouchers/<int:pk>/grant/", operator.grant, name="grant"),
    path("vouchers/<int:pk>/settle/", operator.settle, name="settle"),
    path("vouchers/verifications/", operator.verifications, name="verifications"),
    path("vouchers/verifications/<int:org_pk>/verify/", operator.verify, name="verify"),
    path("vouchers/verification/<int:pk>/revoke/", operator.revoke, name="revoke"),
    path("settlement/<int:pk>/", operator.settlement_detail, name="settlement"),
    path("settlement/<int:pk>/issue/", operator.issue_settlement, name="issue_settlement"),
    path(
        "settlement/<int:pk>/export/<str:file_format>/",
        files.export_settlement,
        name="export_settlement",
    ),
    path("exports/<int:pk>/", files.export_status, name="export"),
    path("exports/<int:pk>/file/", files.export_file, name="export_file"),
    path("vouchers/notice/", operator.public_notice, name="public_notice"),
]

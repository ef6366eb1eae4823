"""Read-only views of the testing service for the operator's support staff; every change goes
through the services (and so through the audit trail)."""

from django.contrib import admin

from labshare.core.admin_base import ReadOnlyAdmin
from labshare.orders.models import Review, Sample, ServiceOrder, Signatory, TestReport


@admin.register(ServiceOrder)
class ServiceOrderAdmin(ReadOnlyAdmin):
    list_display = ["id", "provider", "customer", "status", "sample_count", "due_date"]
    list_filter = ["status", "urgency"]
    search_fields = ["provider__name", "customer__name", "contact_name"]
    list_select_related = ["provider", "customer"]


@admin.register(Sample)
class SampleAdmin(ReadOnlyAdmin):
    list_display = ["number", "order", "description", "received_at"]
    search_fields = ["number"]
    list_select_related = ["order"]


@admin.register(TestReport)
class TestReportAdmin(ReadOnlyAdmin):
    list_display = ["number", "provider", "status", "report_date", "sha256"]
    list_filter = ["status"]
    search_fields = ["number", "sha256"]
    list_select_related = ["provider"]
    exclude = ["pdf"]


@admin.register(Signatory)
class SignatoryAdmin(ReadOnlyAdmin):
    list_display = ["user", "organization", "appointed_at"]
    list_select_related = ["user", "organization"]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["order", "rating", "sentiment", "created_at", "replied_at"]
    list_filter = ["sentiment", "rating"]
    list_select_related = ["order"]

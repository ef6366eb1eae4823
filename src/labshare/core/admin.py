from django.contrib import admin

from labshare.core.admin_base import ReadOnlyAdmin
from labshare.core.models import AuditEvent, OutgoingMail


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "verb", "target_repr"]
    list_filter = ["verb"]
    search_fields = ["target_repr", "verb"]


@admin.register(OutgoingMail)
class OutgoingMailAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "address", "subject", "status", "attempts", "last_error"]
    list_filter = ["status", "verb"]
    search_fields = ["address", "subject"]

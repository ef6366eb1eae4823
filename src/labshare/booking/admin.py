from django.contrib import admin

from labshare.booking.models import Blackout, Qualification, Reservation, UsageRecord, WeeklyWindow
from labshare.core.admin_base import ReadOnlyAdmin


@admin.register(Reservation)
class ReservationAdmin(ReadOnlyAdmin):
    list_display = ["instrument", "organization", "user", "start", "end", "status"]
    list_filter = ["status"]
    search_fields = ["instrument__name", "organization__name", "user__username"]
    list_select_related = ["instrument", "organization", "user"]
    date_hierarchy = "start"


@admin.register(UsageRecord)
class UsageRecordAdmin(ReadOnlyAdmin):
    list_display = ["instrument", "user_organization", "start", "end", "is_outside", "source"]
    list_filter = ["is_outside", "source"]
    list_select_related = ["instrument", "user_organization"]


@admin.register(Qualification)
class QualificationAdmin(ReadOnlyAdmin):
    list_display = ["instrument", "user", "granted_at", "expires_on", "revoked_at"]
    list_select_related = ["instrument", "user"]


@admin.register(WeeklyWindow)
class WeeklyWindowAdmin(ReadOnlyAdmin):
    list_display = ["instrument", "weekday", "start_time", "end_time", "valid_from", "valid_until"]
    list_select_related = ["instrument"]


@admin.register(Blackout)
class BlackoutAdmin(ReadOnlyAdmin):
    list_display = ["instrument", "start", "end", "reason"]
    list_select_related = ["instrument"]

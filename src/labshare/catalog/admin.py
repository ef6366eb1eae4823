from django.contrib import admin

from labshare.catalog.models import Discipline, Instrument, InstrumentClass
from labshare.core.admin_base import ReadOnlyAdmin


@admin.register(Instrument)
class InstrumentAdmin(ReadOnlyAdmin):
    list_display = [
        "code",
        "name",
        "organization",
        "instrument_class",
        "running_status",
        "is_published",
    ]
    list_filter = ["is_published", "running_status", "booking_mode", "sharing_mode"]
    search_fields = ["code", "name", "model", "manufacturer"]
    list_select_related = ["organization", "instrument_class"]


@admin.register(InstrumentClass)
class InstrumentClassAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "parent"]
    search_fields = ["code", "name"]


@admin.register(Discipline)
class DisciplineAdmin(ReadOnlyAdmin):
    list_display = ["code", "name"]

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """The admin shows data; every change goes through the services and their pages."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

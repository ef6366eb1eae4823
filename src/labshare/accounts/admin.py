from django.contrib import admin

from labshare.accounts.models import Membership, Organization, User
from labshare.core.admin_base import ReadOnlyAdmin


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdmin):
    list_display = ["name", "uscc", "kind", "is_provider", "is_customer", "is_operator", "is_demo"]
    list_filter = ["kind", "is_provider", "is_operator", "is_tech_sme", "is_high_tech", "is_demo"]
    search_fields = ["name", "short_name", "uscc"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "organization__name"]
    list_select_related = ["user", "organization"]


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["username", "full_name", "email", "is_active", "last_login"]
    search_fields = ["username", "full_name", "email"]
    exclude = ["password"]

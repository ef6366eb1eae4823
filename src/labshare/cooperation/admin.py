"""Read-only views of R&D cooperation for the operator's support staff; every change goes
through the services (and so through the audit trail)."""

from django.contrib import admin

from labshare.cooperation.models import Agreement, IndustryField, Need, Proposal
from labshare.core.admin_base import ReadOnlyAdmin


class _HidesTexts(ReadOnlyAdmin):
    """Excluded texts are neither shown nor searchable (?problem__contains=… would read them)."""

    def lookup_allowed(self, lookup, value, request=None):
        if lookup.split("__", 1)[0] in self.exclude:
            return False
        return super().lookup_allowed(lookup, value, request)


@admin.register(IndustryField)
class IndustryFieldAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "parent", "is_active", "source"]
    list_filter = ["parent"]


@admin.register(Need)
class NeedAdmin(_HidesTexts):
    list_display = ["id", "title", "customer", "field", "mode", "status", "deadline"]
    list_filter = ["status", "mode", "is_confidential"]
    search_fields = ["title", "customer__name"]
    list_select_related = ["customer", "field"]
    # A confidential need's details stay with the firm and the providers under the undertaking.
    exclude = ["problem", "expected_outcome"]


@admin.register(Proposal)
class ProposalAdmin(_HidesTexts):
    list_display = ["id", "need", "provider", "status", "price", "created_at"]
    list_filter = ["status"]
    list_select_related = ["need", "provider"]
    exclude = ["approach", "team", "timeline"]


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["id", "title", "customer", "provider", "status", "value", "signed_on"]
    list_filter = ["status", "contract_type"]
    search_fields = ["title", "registration_number"]
    list_select_related = ["customer", "provider"]

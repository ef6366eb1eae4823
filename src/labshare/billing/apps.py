from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "labshare.billing"
    label = "billing"
    verbose_name = _("Billing")

    def ready(self):
        # Booking and orders announce chargeable events and ask for estimates through the seam.
        from labshare.billing.biller import Biller
        from labshare.core import charging

        charging.register(Biller())

"""The billing app's models: prices, charges, statements and payments, vouchers and settlements.

One module per sub-domain; everything is importable from here.
"""

from labshare.billing.models.charges import Charge, Dispute
from labshare.billing.models.jobs import BillingJob, ExportJob
from labshare.billing.models.prices import Price, Tier
from labshare.billing.models.statements import BillingRun, Payment, Statement
from labshare.billing.models.vouchers import (
    Attribute,
    Grant,
    Programme,
    Redemption,
    Settlement,
    Verification,
)

__all__ = [
    "Attribute",
    "BillingJob",
    "BillingRun",
    "Charge",
    "Dispute",
    "ExportJob",
    "Grant",
    "Payment",
    "Price",
    "Programme",
    "Redemption",
    "Settlement",
    "Statement",
    "Tier",
    "Verification",
]

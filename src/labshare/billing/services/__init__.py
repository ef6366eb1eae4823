"""Every write of the billing app, one service per action (see the modules)."""

from labshare.billing.services.charges import (
    approve_dispute,
    charge_order,
    charge_reservation,
    deny_dispute,
    dispute_charge,
)
from labshare.billing.services.prices import end_price, set_price
from labshare.billing.services.settlements import issue_settlement, start_settlement
from labshare.billing.services.statements import (
    issue_billing_run,
    record_fapiao,
    record_payment,
    start_billing_run,
)
from labshare.billing.services.vouchers import (
    create_programme,
    grant_voucher,
    revoke_verification,
    verify_attribute,
)

__all__ = [
    "approve_dispute",
    "charge_order",
    "charge_reservation",
    "create_programme",
    "deny_dispute",
    "dispute_charge",
    "end_price",
    "grant_voucher",
    "issue_billing_run",
    "issue_settlement",
    "record_fapiao",
    "record_payment",
    "revoke_verification",
    "set_price",
    "start_billing_run",
    "start_settlement",
    "verify_attribute",
]

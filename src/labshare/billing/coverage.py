"""What a voucher pays of a claim: the arithmetic only.

covered = min(share × amount, per-claim cap, the firm's remaining quota, the programme's
remaining budget), never below zero. The share is rounded down to the fen, so the voucher never
pays a fraction of a fen more than its share; the customer owes amount − covered, so the two
always add up to the amount exactly.
"""

from decimal import ROUND_DOWN, Decimal

from labshare.core.money import CENT

ZERO = Decimal("0.00")


def covered(
    amount: Decimal,
    share: Decimal,
    per_claim_cap: Decimal,
    quota_left: Decimal,
    budget_left: Decimal,
) -> Decimal:
    if amount <= 0:
        return ZERO
    part = (amount * share).quantize(CENT, rounding=ROUND_DOWN)
    return max(ZERO, min(part, per_claim_cap, quota_left, budget_left))

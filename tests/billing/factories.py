"""Charge lines written straight to the table, for tests of what runs do with many lines.

The lines' own making is tested through the services (test_charges, test_vouchers); a run's
arithmetic over hundreds of arbitrary lines needs only lines."""

from datetime import datetime
from decimal import Decimal
from itertools import count

from django.utils import timezone

from labshare.billing.coverage import covered
from labshare.billing.models import Charge
from tests.factories import make_member, make_organization

_serial = count(1)


def charges_for_month(amounts: list[Decimal], share=Decimal("0.3333")):
    """One provider (with .admin), one customer, a March 2026 line per amount, a third of each
    paid by a voucher as the coverage rule would."""
    n = next(_serial)
    provider = make_organization(f"账单测试提供方{n}", is_provider=True, code=f"BT{n}")
    provider.admin = make_member(provider, f"billing_admin_{n}", "admin")
    customer = make_organization(f"账单测试客户{n}")
    day = timezone.make_aware(datetime(2026, 3, 15, 10))
    charges = Charge.objects.bulk_create(
        Charge(
            provider=provider,
            customer=customer,
            kind=Charge.Kind.TEST,
            service=Charge.Service.TESTING,
            description=f"line {i}",
            quantity=Decimal(1),
            unit=Charge.Unit.ORDER,
            unit_price=amount,
            tier="enterprise",
            amount=amount,
            voucher_amount=covered(amount, share, amount, amount, amount),
            delivered_at=day,
            delivered_on=day.date(),
        )
        for i, amount in enumerate(amounts)
    )
    return provider, charges


def line(provider, customer, amount: Decimal) -> Charge:
    """One testing line of 15 March 2026, no voucher yet."""
    day = timezone.make_aware(datetime(2026, 3, 15, 10))
    return Charge.objects.create(
        provider=provider,
        customer=customer,
        kind=Charge.Kind.TEST,
        service=Charge.Service.TESTING,
        description="line",
        quantity=Decimal(1),
        unit=Charge.Unit.ORDER,
        unit_price=amount,
        tier="enterprise",
        amount=amount,
        delivered_at=day,
        delivered_on=day.date(),
    )

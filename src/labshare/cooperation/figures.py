"""The figures R&D cooperation feeds to the district: contract value signed, registered
technology-contract turnover (技术合同成交额) and the firm–provider pairs, by period and field.

An agreement counts where it was signed (signed_on), registered turnover where it was
registered (registered_on, with a registration number): a contract later terminated was still
concluded then, as the registration statistics count it. insights reads these; cooperation
never imports insights.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from labshare.cooperation.models import Agreement


def _scope(provider_id: int | None):
    rows = Agreement.objects.all()
    return rows if provider_id is None else rows.filter(provider_id=provider_id)


def contracts(start: date, end: date, *, provider_id: int | None = None) -> dict:
    """For the days start…end (inclusive): signed value and count, registered value and count,
    distinct firm–provider pairs among the signed agreements, and how many were terminated."""
    rows = _scope(provider_id)
    signed = rows.filter(signed_on__gte=start, signed_on__lte=end)
    registered = rows.filter(
        registered_on__gte=start, registered_on__lte=end, registration_number__gt=""
    )
    sums = signed.aggregate(
        value=Sum("value"),
        count=Count("id"),
        terminated=Count("id", filter=Q(status=Agreement.Status.TERMINATED)),
    )
    turnover = registered.aggregate(value=Sum("value"), count=Count("id"))
    pairs = signed.values("customer_id", "provider_id").distinct().count()
    return {
        "signed_value": sums["value"] or Decimal(0),
        "signed_count": sums["count"],
        "terminated": sums["terminated"],
        "registered_value": turnover["value"] or Decimal(0),
        "registered_count": turnover["count"],
        "pairs": pairs,
    }


def by_field(start: date, end: date, *, provider_id: int | None = None) -> list[dict]:
    """The signed agreements of the days start…end by the sector of their need's field."""
    rows = (
        _scope(provider_id)
        .filter(signed_on__gte=start, signed_on__lte=end)
        .values("need__field__name", "need__field__parent__name")
        .annotate(value=Sum("value"), count=Count("id"))
        .order_by("-value", "need__field__name")
    )
    return [
        {
            "sector": row["need__field__parent__name"] or row["need__field__name"],
            "field": row["need__field__name"],
            "value": row["value"],
            "count": row["count"],
        }
        for row in rows
    ]

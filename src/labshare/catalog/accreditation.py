"""Which accreditation marks a report may carry (RB/T 214, CNAS-RL01 rules of use).

A CMA or CNAS mark goes on a report only when every reported item lies inside a scope line of a
certificate of that kind, by the same method, valid on the report date. An expired certificate
stops its mark by itself: nothing has to be switched off. Items outside every valid scope are
named on the report as not accredited.
"""

from dataclasses import dataclass, field
from datetime import date

from labshare.catalog.models import Accreditation, AccreditationScope


def same_method(a: str, b: str) -> bool:
    """Standard codes compared as people write them: case, spaces and dash forms aside."""

    def norm(code: str) -> str:
        return "".join(code.upper().replace("—", "-").replace("－", "-").split())

    return norm(a) == norm(b)


@dataclass
class MarkDecision:
    marks: list[dict] = field(default_factory=list)  # [{"kind": "cma", "number": "…"}]
    unaccredited: list[str] = field(default_factory=list)  # names of items outside every scope

    @property
    def kinds(self) -> list[str]:
        return [mark["kind"] for mark in self.marks]


def decide_marks(provider_id: int, items: list[tuple[int, str, str]], on: date) -> MarkDecision:
    """items: (test service id, name, method code) of every reported item."""
    lines = list(
        AccreditationScope.objects.filter(
            accreditation__organization_id=provider_id,
            accreditation__valid_from__lte=on,
            accreditation__valid_until__gte=on,
            test_service_id__in=[item_id for item_id, _n, _m in items],
        ).select_related("accreditation")
    )
    decision = MarkDecision()
    for kind in Accreditation.Kind.values:
        kind_lines = [line for line in lines if line.accreditation.kind == kind]
        covering = []
        for item_id, _name, method in items:
            line = next(
                (
                    line
                    for line in kind_lines
                    if line.test_service_id == item_id and same_method(line.method_code, method)
                ),
                None,
            )
            if line is None:
                break
            covering.append(line.accreditation)
        else:
            if items:
                number = sorted({a.number for a in covering})[0]
                decision.marks.append({"kind": kind, "number": number})
    for item_id, name, method in items:
        if not any(
            line.test_service_id == item_id and same_method(line.method_code, method)
            for line in lines
        ):
            decision.unaccredited.append(name)
    return decision


def accredited_service_ids(provider_id: int, on: date) -> set[int]:
    """The provider's test items inside a scope valid on the date (for lists and badges)."""
    return set(
        AccreditationScope.objects.filter(
            accreditation__organization_id=provider_id,
            accreditation__valid_from__lte=on,
            accreditation__valid_until__gte=on,
        ).values_list("test_service_id", flat=True)
    )

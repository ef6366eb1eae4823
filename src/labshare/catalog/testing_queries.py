"""Reads of test items (检测项目) and accreditations: the public list and its keyword search,
the provider console's lists, and which items a currently valid certificate covers.

The test-item catalogue is small next to the instrument one (a few per instrument at most), so
keywords are matched with icontains on a handful of columns rather than through the term index;
every list runs a fixed number of queries whatever its length.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Replace, Upper

from labshare.accounts.models import Organization
from labshare.catalog.accreditation import decide_marks, same_method
from labshare.catalog.models import Accreditation, AccreditationScope, Instrument, TestService
from labshare.catalog.queries import public_q

# The columns a keyword is looked for in: name, standard, method, sample, provider.
KEYWORD_FIELDS = (
    "name",
    "code",
    "method_code",
    "method_title",
    "sample_type",
    "organization__name",
    "organization__short_name",
)
MAX_KEYWORDS = 5


def public_test_services() -> QuerySet[TestService]:
    """Test items in the public catalogue: published and not retired."""
    return TestService.objects.filter(public_q())


def _normalised_method(expression):
    """The SQL twin of accreditation.same_method's normal form: upper case, without spaces,
    with the full-width and em dashes as ASCII ones."""
    for old, new in ((" ", ""), ("\u3000", ""), ("—", "-"), ("－", "-")):
        expression = Replace(expression, Value(old), Value(new))
    return Upper(expression)


def accredited_q(on: date) -> Q:
    """Items inside a scope line of a certificate valid on the date, by the item's own method
    (the rule that decides the mark on a report)."""
    lines = AccreditationScope.objects.filter(
        test_service=OuterRef("pk"),
        accreditation__valid_from__lte=on,
        accreditation__valid_until__gte=on,
    ).annotate(
        line_method=_normalised_method(F("method_code")),
    )
    return Q(
        Exists(lines.filter(line_method=_normalised_method(OuterRef("method_code"))).values("pk"))
    )


def keyword_q(text: str) -> Q | None:
    """Every word of the text (split at spaces) in one of the keyword columns; None: no words."""
    words = text.split()[:MAX_KEYWORDS]
    if not words:
        return None
    condition = Q()
    for word in words:
        any_field = Q()
        for field in KEYWORD_FIELDS:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition


def with_row_relations(queryset: QuerySet[TestService], on: date) -> QuerySet[TestService]:
    """What a list row shows: the provider and whether the item is accredited today."""
    return queryset.select_related("organization").annotate(is_accredited=accredited_q(on))


@dataclass(frozen=True)
class TestServiceFilter:
    q: str = ""
    provider: int | None = None
    accredited: bool = False

    __test__ = False  # not a pytest class

    def apply(self, queryset: QuerySet[TestService], on: date) -> QuerySet[TestService]:
        """The matching items, each with is_accredited, in pinyin order of their names."""
        condition = keyword_q(self.q)
        if condition is not None:
            queryset = queryset.filter(condition)
        if self.provider:
            queryset = queryset.filter(organization_id=self.provider)
        if self.accredited:
            queryset = queryset.filter(accredited_q(on))
        return with_row_relations(queryset, on).order_by("name_sort", "id")


# Where a need's word is looked for in a test item, and how much it counts there.
NEED_FIELDS = {"name": 10, "method_title": 5, "description": 2, "sample_type": 2}
NEED_CLASS_WEIGHT = 5
MAX_NEED_CANDIDATES = 200
MAX_TERMS_PER_CONCEPT = 8


def need_matches(understanding, on: date, limit: int = 5) -> list[TestService]:
    """The public test items that answer a need ("测拉伸强度"), best first, for the instrument
    search page: the same reading of the query as the instruments get (words, sub-words and
    thesaurus), matched in the item's texts and in the classes of the instruments it uses."""
    concepts = understanding.meaningful
    condition = Q()
    for concept in concepts:
        words = [term for term in concept.terms if not term.startswith("#")]
        for term in words[:MAX_TERMS_PER_CONCEPT]:
            for name in NEED_FIELDS:
                condition |= Q(**{f"{name}__icontains": term})
        for term in concept.terms:
            if term.startswith("#"):
                condition |= Q(instruments__instrument_class__code__startswith=term[1:])
    if not concepts:
        return []
    candidates = (
        with_row_relations(public_test_services().filter(condition), on)
        .prefetch_related("instruments")
        .distinct()
        .order_by("name_sort", "id")[:MAX_NEED_CANDIDATES]
    )
    scored = []
    for service in candidates:
        texts = {name: (getattr(service, name) or "").lower() for name in NEED_FIELDS}
        codes = [i.instrument_class_id for i in service.instruments.all()]
        score = 0.0
        for concept in concepts:
            best = 0.0
            for term, factor in concept.terms.items():
                if term.startswith("#"):
                    if any(code.startswith(term[1:]) for code in codes):
                        best = max(best, factor * NEED_CLASS_WEIGHT)
                    continue
                for name, weight in NEED_FIELDS.items():
                    if term in texts[name]:
                        best = max(best, factor * weight)
            score += best * concept.weight
        if score > 0:
            scored.append((-score, service.name_sort, service.pk, service))
    scored.sort(key=lambda row: row[:3])
    return [row[3] for row in scored[:limit]]


def provider_test_services(provider: Organization, on: date, limit: int = 5) -> list[TestService]:
    """The first few public test items of a provider, for its page."""
    queryset = public_test_services().filter(organization=provider)
    return list(with_row_relations(queryset, on).order_by("name_sort", "id")[:limit])


def providers_offering_tests() -> list[Organization]:
    """Providers with at least one public test item, for the list's provider filter."""
    return list(
        Organization.objects.filter(
            Exists(public_test_services().filter(organization=OuterRef("pk")))
        ).order_by("name_sort", "id")
    )


def instruments_used(service: TestService, *, include_hidden: bool) -> list[Instrument]:
    """The instruments a test item uses; visitors see only those in the public catalogue."""
    instruments = service.instruments.order_by("name_sort", "id")
    if not include_hidden:
        instruments = instruments.filter(public_q())
    return list(instruments)


def marks_today(service: TestService, on: date) -> list[dict]:
    """The CMA/CNAS marks the item carries on the date: [{"kind": "cma", "number": "…"}]."""
    decision = decide_marks(
        service.organization_id, [(service.pk, service.name, service.method_code)], on
    )
    return decision.marks


def console_test_services(organization: Organization, on: date) -> QuerySet[TestService]:
    """The provider's own test items for the console: drafts and published first, retired
    last, each with the number of instruments it uses."""
    return (
        with_row_relations(TestService.objects.filter(organization=organization), on)
        .annotate(instrument_count=Count("instruments", distinct=True))
        .order_by(F("retired_at").asc(nulls_first=True), "name_sort", "id")
    )


def console_accreditations(organization: Organization) -> QuerySet[Accreditation]:
    return (
        Accreditation.objects.filter(organization=organization)
        .annotate(scope_count=Count("scope_lines"))
        .order_by("kind", "-valid_until", "id")  # Meta.ordering does not survive the grouping
    )


def scope_lines(accreditation: Accreditation) -> list[AccreditationScope]:
    """The certificate's scope lines, each marked whether it names the item's own standard
    (a line by another standard gives the item no mark)."""
    lines = list(
        accreditation.scope_lines.select_related("test_service").order_by(
            "test_service__name_sort", "id"
        )
    )
    for line in lines:
        line.names_item_method = same_method(line.method_code, line.test_service.method_code)
    return lines


def scope_candidates(organization: Organization) -> QuerySet[TestService]:
    """The provider's test items a scope line may name (retired ones are no longer offered)."""
    return TestService.objects.filter(organization=organization, retired_at__isnull=True)

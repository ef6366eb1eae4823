"""Which providers could answer a need: the catalogue's own search, not a second one.

The need's title, expected outcome and problem are read by the search of the instrument
catalogue (catalog.understanding: words, sub-words and the need thesaurus) and ranked over the
public instruments (catalog.ranking); the same reading finds test items
(catalog.testing_queries.need_matches). A provider then scores by its best three instruments,
with a bonus for each instrument filed under one of the need's disciplines, for each matching
test item, and for each agreement it has made in those disciplines. Providers with instruments
in the need's disciplines are suggested even when no word matches.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from labshare.accounts.models import Organization
from labshare.catalog.models import Instrument, TestService
from labshare.catalog.queries import public_instruments
from labshare.catalog.ranking import ranked_matches
from labshare.catalog.testing_queries import need_matches
from labshare.catalog.understanding import understand
from labshare.cooperation.models import Agreement, Need, NeedMatch
from labshare.core import clock

RANKED_INSTRUMENTS = 200
DISCIPLINE_INSTRUMENTS = 500
DISCIPLINE_BONUS = 2.0
TEST_SERVICE_BONUS = 1.5
AGREEMENT_BONUS = 3.0
BEST_INSTRUMENTS = 3
SUGGESTED = 10
STORED = 20


@dataclass
class ProviderMatch:
    provider: Organization
    score: float = 0.0
    instruments: list[Instrument] = field(default_factory=list)
    test_services: list[TestService] = field(default_factory=list)
    past_agreements: int = 0


def need_text(need: Need) -> str:
    return " ".join((need.title, need.expected_outcome, need.problem))


def suggest(need: Need, limit: int = SUGGESTED) -> list[ProviderMatch]:
    """The providers best placed to answer the need, best first (never the firm itself)."""
    disciplines = list(need.disciplines.values_list("code", flat=True))
    candidates = public_instruments().filter(organization__is_provider=True)
    candidates = candidates.exclude(organization_id=need.customer_id)
    scores: dict[int, float] = defaultdict(float)
    understanding = understand(need_text(need))
    ranked = ranked_matches(understanding, within=candidates)
    if ranked is not None:
        for row in ranked[:RANKED_INSTRUMENTS]:
            scores[row["instrument_id"]] += row["score"]
    in_discipline = set(
        candidates.filter(disciplines__code__in=disciplines)
        .order_by("id")
        .values_list("id", flat=True)
        .distinct()[:DISCIPLINE_INSTRUMENTS]
    )
    for pk in in_discipline:
        scores[pk] += DISCIPLINE_BONUS
    instruments = Instrument.objects.select_related("organization").in_bulk(list(scores))
    by_provider: dict[int, ProviderMatch] = {}

    def entry(provider: Organization) -> ProviderMatch:
        return by_provider.setdefault(provider.pk, ProviderMatch(provider))

    per_provider: dict[int, list[tuple[float, Instrument]]] = defaultdict(list)
    for pk, score in scores.items():
        instrument = instruments[pk]
        per_provider[instrument.organization_id].append((score, instrument))
    for rows in per_provider.values():
        rows.sort(key=lambda row: (-row[0], row[1].pk))
        best = rows[:BEST_INSTRUMENTS]
        match = entry(best[0][1].organization)
        match.score += sum(score for score, _ in best)
        match.instruments = [instrument for _, instrument in best]
    for service in need_matches(understanding, clock.today(), limit=20):
        if service.organization_id == need.customer_id or not service.organization.is_provider:
            continue
        match = entry(service.organization)
        if len(match.test_services) < BEST_INSTRUMENTS:
            match.test_services.append(service)
        match.score += TEST_SERVICE_BONUS
    past = dict(
        Agreement.objects.filter(
            status__in=(Agreement.Status.ACTIVE, Agreement.Status.COMPLETED),
            need__disciplines__code__in=disciplines,
            provider__is_provider=True,
        )
        .exclude(provider_id=need.customer_id)
        .values_list("provider_id")
        .annotate(n=Count("id", distinct=True))
        .values_list("provider_id", "n")
    )
    for provider in Organization.objects.filter(
        pk__in=[pk for pk in past if pk not in by_provider]
    ):
        entry(provider)
    for provider_id, count in past.items():
        match = by_provider[provider_id]
        match.past_agreements = count
        match.score += AGREEMENT_BONUS * count
    found = sorted(
        by_provider.values(), key=lambda m: (-m.score, m.provider.name_sort, m.provider.pk)
    )
    return found[:limit]


def refresh_matches(need: Need) -> list[NeedMatch]:
    """Store the need's best matches, which the providers' lists of matched needs read."""
    NeedMatch.objects.filter(need=need).delete()
    return NeedMatch.objects.bulk_create(
        NeedMatch(
            need=need,
            provider=match.provider,
            score=round(match.score, 4),
            instruments=len(match.instruments),
            test_services=len(match.test_services),
            past_agreements=match.past_agreements,
        )
        for match in suggest(need, limit=STORED)
    )

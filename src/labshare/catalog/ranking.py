"""Ranked retrieval over the term index, BM25-style, in one SQL statement on either database.

An instrument is found when it has any term of any meaningful concept of the query (filler such
as 测 or 样品 alone finds nothing while the query says anything else). Its score is the sum over
concepts of the best it has of that concept's terms, each worth

    field weight × how the term was reached (word, sub-word, thesaurus) × the word's weight × idf

with idf = ln(1 + (N − df + 0.5) / (df + 0.5)) over the public catalogue, so instruments that
match more, and rarer, words rank higher. Word frequencies are counted once per generation of
the index and cached.
"""

import hashlib
import math
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, QuerySet

from labshare.catalog import search
from labshare.catalog.models import Instrument, SearchTerm
from labshare.catalog.understanding import SUB_WORD, Understanding

CACHE_TIMEOUT = 600
COMMON_FILLER = 0.05


def _key(kind: str, text: str) -> str:
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    return f"search:{kind}:{search.generation()}:{digest}"


def catalogue_size() -> int:
    key = _key("size", "")
    size = cache.get(key)
    if size is None:
        size = SearchTerm.objects.values("instrument_id").distinct().count()
        cache.set(key, size, CACHE_TIMEOUT)
    return size


def frequencies(terms: list[str]) -> dict[str, int]:
    """How many public instruments have each term (0 for terms nobody has)."""
    keys = {term: _key("df", term) for term in terms}
    cached = cache.get_many(list(keys.values()))
    found = {term: cached[key] for term, key in keys.items() if key in cached}
    missing = [term for term in terms if term not in found]
    if missing:
        counted = dict(
            SearchTerm.objects.filter(term__in=missing)
            .values_list("term")
            .annotate(n=Count("*"))
            .order_by()
        )
        fresh = {term: counted.get(term, 0) for term in missing}
        cache.set_many({keys[term]: n for term, n in fresh.items()}, CACHE_TIMEOUT)
        found.update(fresh)
    return found


def idf(df: int, size: int) -> float:
    return math.log(1 + (size - df + 0.5) / (df + 0.5))


@dataclass
class Weighted:
    """(term, concept number, factor, meaningful) rows: what each index term is worth."""

    rows: list[tuple[str, int, float, int]]

    @property
    def terms(self) -> list[str]:
        return list(dict.fromkeys(row[0] for row in self.rows))

    @property
    def meaningful_terms(self) -> list[str]:
        return list(dict.fromkeys(row[0] for row in self.rows if row[3]))


def weigh(understanding: Understanding) -> Weighted | None:
    concepts = understanding.concepts
    if not concepts:
        return None
    meaningful = {id(c) for c in understanding.meaningful}
    all_terms = list(dict.fromkeys(term for c in concepts for term in c.terms))
    df = frequencies(all_terms)
    size = max(catalogue_size(), 1)
    rows = []
    for number, concept in enumerate(concepts):
        # A word the index knows is matched as itself; its sub-words (拉伸强度 → 拉伸, 强度) are
        # for words it does not know, where they would otherwise only add common postings.
        known = bool(df.get(concept.word))
        for term, factor in concept.terms.items():
            if known and factor == SUB_WORD:
                continue
            common = df.get(term, 0) > size * COMMON_FILLER
            if common and concept.is_filler and id(concept) not in meaningful:
                # 的 or 样品 in half the catalogue would only break ties, at the price of
                # reading half the index: a filler word counts only where it is rare.
                continue
            if df.get(term):
                # Whole thousandths: integer sums are exact, so ties break the same way on
                # every database whatever order it adds in, and integers add fast.
                worth = round(concept.weight * factor * idf(df[term], size) * 1000)
                rows.append((term, number, max(worth, 1), int(id(concept) in meaningful)))
    if not any(row[3] for row in rows):
        rows = []  # filler alone finds nothing while the query says something else
    return Weighted(rows)


class Ranked:
    """The ranked ids as rows {"instrument_id", "score"}: count() and slices, for the Paginator
    (through queries.LoadedByKey), each one query."""

    def __init__(self, weighted: Weighted, within: QuerySet[Instrument] | None):
        self.weighted = weighted
        self.within = within
        self._count: int | None = None

    def sql(self) -> tuple[str, list]:
        values, params = [], []
        for term, number, worth, meaningful in self.weighted.rows:
            values.append(
                "(CAST(%s AS VARCHAR(40)), CAST(%s AS INTEGER), "
                "CAST(%s AS INTEGER), CAST(%s AS INTEGER))"
            )
            params += [term, number, worth, meaningful]
        table = SearchTerm._meta.db_table
        where = ""
        if self.within is not None:
            inner, inner_params = self.within.values("pk").query.sql_with_params()
            where = f"WHERE st.instrument_id IN ({inner})"
            params += list(inner_params)
        postings = f"""
            FROM {table} st JOIN (VALUES {", ".join(values)}) AS q ON st.term = q.column1
            {where}
        """  # noqa: S608
        if len({row[1] for row in self.weighted.rows}) == 1:
            # One concept: its best term is the score, one grouping.
            sql = f"""
                SELECT st.instrument_id AS instrument_id, MAX(st.weight * q.column3) AS score
                {postings} GROUP BY st.instrument_id
            """  # noqa: S608
            return sql, params
        # Only placeholders and constants are formatted in; every value is a parameter.
        sql = f"""
            SELECT instrument_id, SUM(best) AS score FROM (
                SELECT st.instrument_id AS instrument_id, q.column2 AS concept,
                       MAX(st.weight * q.column3) AS best, MAX(q.column4) AS meaningful
                {postings}
                GROUP BY st.instrument_id, q.column2
            ) per_concept
            GROUP BY instrument_id
            HAVING MAX(meaningful) = 1
        """  # noqa: S608
        return sql, params

    def count(self) -> int:
        if self._count is None:
            if not self.weighted.rows:
                self._count = 0
            else:
                # Every instrument with a meaningful term is ranked (HAVING above), so counting
                # them needs no scores: one distinct count over the postings.
                matches = SearchTerm.objects.filter(term__in=self.weighted.meaningful_terms)
                if self.within is not None:
                    matches = matches.filter(instrument__in=self.within)
                self._count = matches.values("instrument_id").distinct().count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        if not self.weighted.rows:
            return []
        start = index.start or 0
        stop = index.stop if index.stop is not None else start + 10_000
        sql, params = self.sql()
        with connection.cursor() as cursor:
            cursor.execute(
                f"{sql} ORDER BY score DESC, instrument_id LIMIT %s OFFSET %s",
                [*params, max(stop - start, 0), start],
            )
            return [{"instrument_id": row[0], "score": row[1]} for row in cursor.fetchall()]


def ranked_matches(
    understanding: Understanding, within: QuerySet[Instrument] | None = None
) -> Ranked | None:
    """The public instruments the query finds, best first; None for a query without words."""
    weighted = weigh(understanding)
    if weighted is None:
        return None
    return Ranked(weighted, within)


def matching_ids(understanding: Understanding) -> QuerySet | None:
    """The ids the query finds, as a subquery (for the facet counts); None without words."""
    weighted = weigh(understanding)
    if weighted is None:
        return None
    return SearchTerm.objects.filter(term__in=weighted.meaningful_terms).values("instrument_id")

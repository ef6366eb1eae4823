"""Keyword search over the catalogue, the same on SQLite and PostgreSQL.

Documents are segmented with jieba in Python and stored as weighted terms (SearchTerm). A query is
segmented the same way; an instrument matches when it has every query word (or the word's
sub-words, for words the index has never seen), and ranks by the summed weights of the fields
the words were found in.
"""

import functools
import logging
import re
import threading
from collections.abc import Iterable

import jieba
from django.db import transaction
from django.db.models import Count, QuerySet, Sum

from labshare.catalog.models import Instrument, SearchTerm
from labshare.catalog.reference_data import read_tsv

# Where a word is found decides how much it counts.
FIELD_WEIGHTS = {
    "name": 10,
    "model": 8,
    "name_en": 6,
    "manufacturer": 4,
    "class_name": 3,
    "functions": 2,
    "service_content": 2,
    "specifications": 1,
}
MAX_TERM_LENGTH = 40
# Words that say nothing about which instrument is meant; ignored in queries unless indexed.
QUERY_STOPWORDS = {"仪器", "设备", "仪器设备", "的", "和", "与", "及", "或"}
_WORD = re.compile(r"[\w\u4e00-\u9fff]", re.UNICODE)
_lock = threading.Lock()
_ready = False
_segmenter = jieba.Tokenizer()


def _segmenter_ready() -> jieba.Tokenizer:
    """Initialise jieba once, teaching it the national instrument class names."""
    global _ready
    if not _ready:
        with _lock:
            if not _ready:
                jieba.setLogLevel(logging.WARNING)
                _segmenter.initialize()
                for row in read_tsv("instrument_classes.tsv"):
                    name = row["name"]
                    if name != "其他" and len(name) <= 12:
                        _segmenter.add_word(name)
                _ready = True
    return _segmenter


@functools.cache
def _abbreviations() -> dict[str, str]:
    """Read on the first search, not when the module is imported."""
    return {row["abbreviation"]: row["meaning"] for row in read_tsv("search_abbreviations.tsv")}


def _clean(words: Iterable[str]) -> list[str]:
    result = []
    for word in words:
        word = word.strip().lower()
        if word and _WORD.search(word) and len(word) <= MAX_TERM_LENGTH:
            result.append(word)
    return result


def document_terms(text: str) -> set[str]:
    """Every word a document should be found by: jieba's precise words and their sub-words."""
    segmenter = _segmenter_ready()
    text = text or ""
    return set(_clean(segmenter.cut(text))) | set(_clean(segmenter.cut_for_search(text)))


def instrument_terms(instrument: Instrument) -> dict[str, int]:
    texts = {
        "name": instrument.name,
        "model": instrument.model,
        "name_en": instrument.name_en,
        "manufacturer": instrument.manufacturer,
        "class_name": instrument.instrument_class.name,
        "functions": instrument.functions,
        "service_content": instrument.service_content,
        "specifications": instrument.specifications,
    }
    weights: dict[str, int] = {}
    for field, text in texts.items():
        for term in document_terms(text):
            weights[term] = max(weights.get(term, 0), FIELD_WEIGHTS[field])
    return weights


def index_instruments(instruments: Iterable[Instrument]) -> None:
    """Rebuild the search terms of these instruments (call inside the writing transaction).

    Only instruments in the public catalogue are indexed, so a search reads the term index alone.
    """
    instruments = list(instruments)
    rows = [
        SearchTerm(instrument_id=instrument.pk, term=term, weight=weight)
        for instrument in instruments
        if instrument.is_public
        for term, weight in instrument_terms(instrument).items()
    ]
    with transaction.atomic():
        SearchTerm.objects.filter(instrument__in=[i.pk for i in instruments]).delete()
        SearchTerm.objects.bulk_create(rows, batch_size=2000)


@functools.cache
def _abbreviation_pattern() -> re.Pattern:
    # One alternation, longest first, applied in a single pass: an expansion is never expanded
    # again (核磁共振 stays itself), and 扫描电镜 wins over 电镜.
    parts = []
    abbreviations = _abbreviations()
    for short in sorted(abbreviations, key=len, reverse=True):
        escaped = re.escape(short)
        meaning = abbreviations[short].lower()
        if short.isascii():
            parts.append(rf"(?<![a-z0-9]){escaped}(?![a-z0-9])")
        elif meaning.startswith(short):
            # 核磁 → 核磁共振, but 核磁共振 is already spelled out.
            parts.append(rf"{escaped}(?!{re.escape(meaning[len(short) :])})")
        else:
            parts.append(escaped)
    return re.compile("|".join(parts))


def expand_query(query: str) -> str:
    """Spell out common abbreviations (扫描电镜, XRD …) the way instrument names are written."""
    return _abbreviation_pattern().sub(
        lambda match: _abbreviations()[match.group(0)].lower(), query.strip().lower()
    )


def query_terms(query: str) -> list[str]:
    """The words an instrument must all have to match the query."""
    segmenter = _segmenter_ready()
    words = list(dict.fromkeys(_clean(segmenter.cut(expand_query(query)))))
    if not words:
        return []
    known = set(SearchTerm.objects.filter(term__in=words).values_list("term", flat=True).distinct())
    terms: list[str] = []
    ignored: list[str] = []
    for word in words:
        if word in known:
            terms.append(word)
        elif word in QUERY_STOPWORDS or len(word) == 1:
            # Generic words and stray single characters (仪器, 器) would only block good matches.
            ignored.append(word)
        else:
            # A word the index has never seen: require its sub-words instead (气相色谱仪器 → 气相, 色谱).
            parts = [p for p in _clean(segmenter.cut_for_search(word)) if p != word and len(p) > 1]
            terms.extend(parts or [word])
    # A query of nothing but ignored words still has to match them, so it finds nothing unknown.
    return list(dict.fromkeys(terms or ignored))


def ranked_matches(query: str, within: QuerySet[Instrument] | None = None) -> QuerySet | None:
    """Public instruments matching every word of query, as rows of (instrument_id, score).

    One grouped query over the term index ranks by score, ties by id so that they break the same
    way on every database. The index holds public instruments only; `within` narrows the matches
    further (the list filters). None for a query without words.
    """
    terms = query_terms(query)
    if not terms:
        return None
    matches = SearchTerm.objects.filter(term__in=terms)
    if within is not None:
        matches = matches.filter(instrument__in=within)
    return (
        matches.values("instrument_id")
        .annotate(score=Sum("weight"), hits=Count("*"))
        .filter(hits=len(terms))
        .order_by("-score", "instrument_id")
    )


def matching_ids(query: str) -> QuerySet | None:
    """The ids of the public instruments matching every word of query, as a subquery (for the
    facet counts of a search result); None for a query without words."""
    terms = query_terms(query)
    if not terms:
        return None
    return (
        SearchTerm.objects.filter(term__in=terms)
        .values("instrument_id")
        .annotate(hits=Count("*"))
        .filter(hits=len(terms))
        .values("instrument_id")
    )

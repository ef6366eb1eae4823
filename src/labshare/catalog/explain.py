"""How the search read a query, said back to the visitor, and what to try when nothing matched.

Each part of the reading is a chip with a link that searches again without it: a thesaurus
expansion ("拉伸强度 → 材料试验机"), a time word ("明天 → 12月3日"), the free-time filter. When
nothing matches, the closest words of the dictionary (class names and the thesaurus) are offered:
by edit distance, or by pinyin initials for a query typed as them (smdj → 扫描电镜); only words
that would find something.
"""

import functools
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from labshare.catalog import ranking, thesaurus
from labshare.catalog.models import InstrumentClass
from labshare.catalog.reference_data import read_tsv
from labshare.catalog.understanding import clean_query
from labshare.core.pinyin import initials

MAX_SUGGESTIONS = 5
MAX_SUGGESTED_WORDS = 3


@dataclass(frozen=True)
class Chip:
    text: str
    meaning: str
    remove_url: str


def _url(params: QueryDict, **changes) -> str:
    query = params.copy()
    query.pop("page", None)
    query.pop("from", None)
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        elif isinstance(value, list):
            query.setlist(name, value)
        else:
            query[name] = value
    return "?" + query.urlencode()


def chips(catalog_filter, params: QueryDict) -> list[Chip]:
    understanding = catalog_filter.understanding
    found = []
    names = _class_names([code for c in understanding.expansions for code in c.entry.classes])
    for concept in understanding.expansions:
        meaning = "、".join(
            [names[code] for code in concept.entry.classes if code in names][:3]
            or list(concept.entry.words[:3])
        )
        literal = sorted({*catalog_filter.literal, concept.word})
        found.append(Chip(concept.word, meaning, _url(params, literal=literal)))
    if catalog_filter.uses_free_fields:
        meaning = _("only instruments with free time")
        found.append(
            Chip(
                _("free time"),
                meaning,
                _url(params, free_from=None, free_to=None, free_hours=None),
            )
        )
    elif understanding.time:
        cleaned, _long = clean_query(catalog_filter.q)
        for part in understanding.time.parts:
            if part.kind == "switch":
                # Without the switch the filter goes, and with it every time word.
                rest = understanding.text
            else:
                start, end = part.span
                rest = " ".join((cleaned[:start] + " " + cleaned[end:]).split())
            found.append(Chip(part.text, part.meaning, _url(params, q=rest)))
        if not any(p.kind == "switch" for p in understanding.time.parts):
            found.append(
                Chip(
                    _("free time"),
                    _("only instruments with free time"),
                    _url(params, q=understanding.text),
                )
            )
    return found


def _class_names(codes: list[str]) -> dict[str, str]:
    if not codes:
        return {}
    return dict(InstrumentClass.objects.filter(code__in=codes).values_list("code", "name"))


@functools.cache
def _initials(word: str) -> str:
    return initials(word)


@functools.cache
def _reference_words() -> tuple[str, ...]:
    """The dictionary suggestions come from: class names and the thesaurus's Chinese terms."""
    words = {row["name"] for row in read_tsv("instrument_classes.tsv") if row["name"] != "其他"}
    words |= {term for term in thesaurus.entries() if not term.isascii()}
    return tuple(sorted(words))


@functools.cache
def _by_length() -> dict[int, tuple[str, ...]]:
    """The reference words by length: a word is compared only with words about as long."""
    buckets: dict[int, list[str]] = {}
    for word in _reference_words():
        buckets.setdefault(len(word), []).append(word)
    return {length: tuple(words) for length, words in buckets.items()}


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (limit + 1) once it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def suggestions(understanding) -> list[str]:
    """Dictionary words close to the query's words, most likely first."""
    found: list[str] = []
    words = [c.word for c in understanding.meaningful[:MAX_SUGGESTED_WORDS]]
    whole = "".join(understanding.text.lower().split())
    if len(whole) <= 12 and whole not in words:
        words.insert(0, whole)  # a typo splits a word in odd places: 扫描电竟 → 扫描, 电, 竟
    for word in words:
        if word.isascii() and word.isalpha() and 2 <= len(word) <= 10:
            found += [w for w in _reference_words() if _initials(w) == word]
            found += [w for w in _reference_words() if _initials(w).startswith(word)][:3]
        if len(word) >= 2:
            limit = 1 if len(word) <= 4 else 2
            near = [
                w
                for length in range(len(word) - limit, len(word) + limit + 1)
                for w in _by_length().get(length, ())
                if w != word
            ]
            scored = sorted((distance(word, w, limit), w) for w in near)
            found += [w for d, w in scored if d <= limit][:3]
    # Only words that would find something.
    unique = list(dict.fromkeys(found))[:20]
    known = ranking.frequencies(unique)
    return [w for w in unique if known.get(w) or thesaurus.lookup(w)][:MAX_SUGGESTIONS]

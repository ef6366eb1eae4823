"""The term index of the catalogue, the same on SQLite and PostgreSQL.

Documents are segmented with jieba in Python and stored as weighted terms (SearchTerm): one row
per (instrument, word) with the weight of the best field the word is in. The segmenter knows
the national class names and the need thesaurus, so 拉伸强度 is one word in a query and in an
instrument's text alike. Each instrument is also indexed under its class code and the codes of
the classes above it ("#0201", "#020101"), so that the thesaurus can send a need to a class
whatever the instrument's own text says.

How a query is read and ranked is in understanding.py and ranking.py.
"""

import contextlib
import logging
import re
import threading
from collections.abc import Iterable

import jieba
from django.core.cache import cache
from django.db import transaction

from labshare.catalog import thesaurus
from labshare.catalog.models import Instrument, SearchTerm
from labshare.catalog.reference_data import read_tsv

# Where a word is found decides how much it counts: name and class above the rest.
FIELD_WEIGHTS = {
    "name": 10,
    "class_name": 8,
    "name_en": 6,
    "model": 5,
    "class_code": 5,
    "manufacturer": 3,
    "functions": 3,
    "service_content": 2,
    "specifications": 1,
    "provider": 1,
}
MAX_TERM_LENGTH = 40
CLASS_TERM = "#"
_WORD = re.compile(r"[\w\u4e00-\u9fff]", re.UNICODE)
_lock = threading.Lock()
_ready = False
_segmenter = jieba.Tokenizer()


def segmenter() -> jieba.Tokenizer:
    """Initialise jieba once, teaching it the class names and the thesaurus."""
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
                for word in thesaurus.chinese_words():
                    _segmenter.add_word(word)
                _ready = True
    return _segmenter


def clean(words: Iterable[str]) -> list[str]:
    result = []
    for word in words:
        word = word.strip().lower()
        if word and _WORD.search(word) and len(word) <= MAX_TERM_LENGTH:
            result.append(word)
    return result


def document_terms(text: str) -> set[str]:
    """Every word a document should be found by: jieba's precise words and their sub-words."""
    cutter = segmenter()
    text = text or ""
    return set(clean(cutter.cut(text))) | set(clean(cutter.cut_for_search(text)))


def class_terms(code: str) -> list[str]:
    """'020101' → ['#02', '#0201', '#020101']: the class and the classes above it."""
    return [CLASS_TERM + code[:length] for length in (2, 4, 6) if code[:length]]


def class_term(code: str) -> str:
    """The index term of a class given by its 6-digit code (010100 → #0101, the middle class)."""
    code = code.strip()
    while code.endswith("00") and len(code) > 2:
        code = code[:-2]
    return CLASS_TERM + code


def instrument_terms(instrument: Instrument) -> dict[str, int]:
    organization = instrument.organization
    texts = {
        "name": instrument.name,
        "model": instrument.model,
        "name_en": instrument.name_en,
        "manufacturer": instrument.manufacturer,
        "class_name": instrument.instrument_class.name,
        "functions": instrument.functions,
        "service_content": instrument.service_content,
        "specifications": instrument.specifications,
        "provider": f"{organization.name} {organization.short_name}",
    }
    weights: dict[str, int] = {}
    for field, text in texts.items():
        for term in document_terms(text):
            weights[term] = max(weights.get(term, 0), FIELD_WEIGHTS[field])
    for term in class_terms(instrument.instrument_class_id):
        weights[term] = FIELD_WEIGHTS["class_code"]
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


# The index's generation: bumped whenever an instrument enters, changes in or leaves the
# catalogue, so that anything counted over the index (facets, word frequencies) is kept until
# then and no longer.
GENERATION_KEY = "catalog:facets:generation"


def generation() -> int:
    found = cache.get(GENERATION_KEY)
    if found is None:
        cache.add(GENERATION_KEY, 1, None)
        found = cache.get(GENERATION_KEY, 1)
    return found


def bump_generation() -> None:
    with contextlib.suppress(ValueError):  # never counted yet: nothing cached to drop
        cache.incr(GENERATION_KEY)

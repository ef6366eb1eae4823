"""The need thesaurus: what people ask for (拉伸强度, 形貌, XRD) → where the instruments are.

Reviewed data in catalog/data/search_thesaurus.tsv, one term per line: its kind (property,
method, abbreviation, english, synonym), the national instrument classes that answer it, other
words instruments are described by, and where the entry comes from. A search expands a query
word found here into those words and classes; matches through them count for less than the
word itself (see the factors in understanding.py).
"""

import functools
import re
from dataclasses import dataclass

from labshare.catalog.reference_data import read_tsv

FILE = "search_thesaurus.tsv"
KINDS = ("property", "method", "abbreviation", "english", "synonym")


@dataclass(frozen=True)
class Entry:
    term: str
    kind: str
    classes: tuple[str, ...]
    words: tuple[str, ...]
    source: str


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip().lower() for part in (value or "").split("|") if part.strip())


@functools.cache
def entries() -> dict[str, Entry]:
    """Every entry by its term in lower case; read once, on the first search."""
    result = {}
    for row in read_tsv(FILE):
        term = row["term"].strip().lower()
        if term:
            result[term] = Entry(
                term,
                row["kind"].strip(),
                _split(row["classes"]),
                _split(row["words"]),
                row["source"],
            )
    return result


def lookup(word: str) -> Entry | None:
    return entries().get(word.lower())


def chinese_words() -> list[str]:
    """Terms and expansion words with Chinese in them, for the segmenter's dictionary: so that
    拉伸强度 is read as one word in queries and in instrument texts alike."""
    words = set()
    for entry in entries().values():
        for word in (entry.term, *entry.words):
            if re.search(r"[\u4e00-\u9fff]", word) and 2 <= len(word) <= 12:
                words.add(word)
    return sorted(words)


@functools.cache
def latin_pattern() -> re.Pattern:
    """Terms written in Latin letters (gc-ms, uv-vis, scanning electron microscope), longest
    first, found as whole words before the query is segmented (the segmenter would split them
    at the hyphen or space)."""
    terms = sorted((t for t in entries() if t.isascii()), key=len, reverse=True)
    parts = [rf"(?<![a-z0-9]){re.escape(term)}(?![a-z0-9])" for term in terms]
    return re.compile("|".join(parts) or r"(?!x)x")

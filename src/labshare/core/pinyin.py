"""Pinyin for Chinese text: the sort key lists are ordered by, and initials people search with.

Chinese names sorted by code point put 三坐标 after X射线; people expect 拼音 order. The key is
stored beside the name so the database sorts (and paginates) without Python in between.
"""

import functools
import re

from pypinyin import Style, lazy_pinyin

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=4096)
def sort_key(text: str) -> str:
    """'X射线衍射仪' → 'x she xian yan she yi': Latin and pinyin in one alphabet, lower case."""
    syllables = lazy_pinyin(text or "", errors=lambda chars: [chars])
    return " ".join(_NON_ALNUM.sub(" ", s.lower()).strip() for s in syllables if s.strip())[:200]


@functools.lru_cache(maxsize=4096)  # the 632 class names are read on every instrument form
def initials(text: str) -> str:
    """'扫描电镜' → 'smdj'; Latin words keep their letters."""
    letters = lazy_pinyin(text or "", style=Style.FIRST_LETTER, errors=lambda chars: [chars])
    return _NON_ALNUM.sub("", "".join(letters).lower())


def suggested_code(name: str, length: int = 4) -> str:
    """A provider-code suggestion from a unit's (short) name: the first letters, upper case."""
    return initials(name)[:length].upper()

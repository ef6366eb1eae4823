"""Single-line text at the edge: what may not be inside a name, a title or a reason; and
the pinyin sort keys kept beside names.

A line break in an instrument's name (typed, or Alt+Enter in Excel) ends up in e-mail subjects,
where it is refused, and in every list it breaks the layout. Every CharField of our models is one
line: control characters and line/paragraph separators become one space, and the invisible
bidirectional overrides that disguise a name (U+202E …) are dropped. Multi-line text lives in
TextFields and keeps its line breaks.
"""

import re
import unicodedata

from django.db import models

from labshare.core.pinyin import sort_key

_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_SPACES = re.compile(r" {2,}")


def single_line(value: str) -> str:
    if value.isprintable() and "  " not in value:
        return value
    value = value.translate(_BIDI_CONTROLS)
    folded = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in value)
    return _SPACES.sub(" ", folded).strip() if folded != value else folded


def fold_single_line_fields(obj: models.Model) -> None:
    """Fold every one-line text field of a model instance in place, and refresh its pinyin
    sort keys (SORT_KEYS: sort field → the field it spells)."""
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.CharField) and not field.choices:
            value = getattr(obj, field.attname)
            if isinstance(value, str):
                setattr(obj, field.attname, single_line(value))
    for sort_field, source in getattr(obj, "SORT_KEYS", {}).items():
        setattr(obj, sort_field, sort_key(getattr(obj, source) or ""))


OUR_APPS = ("core", "accounts", "catalog", "booking", "orders")


def fold_before_save(sender, instance, raw=False, **kwargs) -> None:
    if not raw and sender._meta.app_label in OUR_APPS:
        fold_single_line_fields(instance)

"""统一社会信用代码 (unified social credit code, GB 32100-2015): normalisation and validation.

Our own check-character computation rather than python-stdnum's, which refuses codes whose
registration department is a letter (Y 其他, N 农业 …) although the standard allows them.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The 31 characters of GB 32100-2015: digits and upper-case letters except I, O, S, V and Z.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUES = {ch: index for index, ch in enumerate(ALPHABET)}
# Weight of position i is 3^i mod 31.
_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_FORBIDDEN_LETTERS = re.compile(r"[IOSVZ]")
# What people type inside a code: spaces (also full-width ones, after NFKC) and hyphens/dashes.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―]+")


def normalize_uscc(value: str) -> str:
    """Full-width to half-width, upper case, without spaces and hyphens anywhere."""
    value = unicodedata.normalize("NFKC", value or "")
    return _SEPARATORS.sub("", value).upper()


def check_character(first17: str) -> str:
    total = sum(_VALUES[ch] * weight for ch, weight in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> None:
    """Raise a ValidationError with a message the user can act on when value is not a USCC.

    The stored form is canonical; forms and services pass what people type through
    normalize_uscc first, so these messages concern the code itself."""
    if value != value.strip():
        raise ValidationError(_("Remove the spaces around the credit code."), code="uscc_spaces")
    if len(value) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="uscc_length",
            params={"count": len(value)},
        )
    if any(ch.islower() for ch in value):
        raise ValidationError(
            _("Write the letters of the credit code in upper case."), code="uscc_lowercase"
        )
    forbidden = _FORBIDDEN_LETTERS.findall(value)
    if forbidden:
        raise ValidationError(
            _("The letters I, O, S, V and Z never appear in a credit code (found %(letters)s)."),
            code="uscc_letters",
            params={"letters": "、".join(sorted(set(forbidden)))},
        )
    if any(ch not in _VALUES for ch in value) or not value[2:8].isdigit():
        raise ValidationError(
            _("This is not a valid unified social credit code."), code="uscc_format"
        )
    if check_character(value[:17]) != value[17]:
        raise ValidationError(
            _("The check character of the credit code is wrong; please check every character."),
            code="uscc_checksum",
        )


def with_check_character(first17: str) -> str:
    """Complete 17 characters into a credit code by appending its check character."""
    return first17 + check_character(first17)

"""统一社会信用代码 (unified social credit code) validation, built on python-stdnum."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError

# GB 32100-2015 uses digits and upper-case letters except I, O, S, V and Z.
_FORBIDDEN_LETTERS = re.compile(r"[IOSVZ]")


def validate_uscc(value: str) -> None:
    """Raise a ValidationError with a message the user can act on when value is not a USCC."""
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
    try:
        stdnum_uscc.validate(value)
    except InvalidChecksum as exc:
        raise ValidationError(
            _("The check character of the credit code is wrong; please check every character."),
            code="uscc_checksum",
        ) from exc
    except (InvalidLength, InvalidComponent, StdnumError) as exc:
        raise ValidationError(
            _("This is not a valid unified social credit code."), code="uscc_format"
        ) from exc


def with_check_character(first17: str) -> str:
    """Complete 17 characters into a credit code by appending its check character."""
    return first17 + stdnum_uscc.calc_check_digit(first17 + "0")

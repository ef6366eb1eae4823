"""The national platform's instrument template (NRII): 40 columns, each tied to an Instrument field.

One table drives both directions: a column's codec turns a hand-filled cell into a field value
(import) and a field value back into a cell (export), so the two cannot drift apart. Headers and
groups come from catalog/data/nrii_instrument_template_columns.tsv; they are never retyped here.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils import get_column_letter

from labshare.catalog.models import HOURS_PER_YEAR, Discipline, Instrument, InstrumentClass
from labshare.catalog.reference_data import template_columns
from labshare.catalog.services import MAX_DISCIPLINES, MAX_FUNDING_SOURCES

GROUP_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3
LIST_JOINER = "，"
# After NFKC, Chinese commas and semicolons have become ASCII; 、 stays as it is.
_LIST_SEPARATORS = ",;、"
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"))

CellValue = str | int | float | Decimal | date | datetime | bool | None
OMIT = object()  # a blank cell of a field with a default: keep the current value (or the default)


class CellError(ValueError):
    """A cell that is wrong in substance; the message is translated and says what to fix."""


@dataclass(frozen=True)
class Reference:
    """The national reference tables, loaded once per import."""

    classes: dict[str, InstrumentClass]
    disciplines: dict[str, Discipline]  # by code and by name
    funding: dict[str, str]

    @classmethod
    def load(cls) -> "Reference":
        disciplines: dict[str, Discipline] = {}
        for discipline in Discipline.objects.all():
            disciplines[discipline.code] = disciplines[discipline.name] = discipline
        classes = {c.code: c for c in InstrumentClass.objects.all()}
        return cls(classes, disciplines, {value: value for value in Instrument.Funding.values})


def clean_cell(raw: CellValue, *, nfkc: bool) -> CellValue:
    """Strip what hand-filling adds: spaces (also non-breaking), invisible marks, floats for integers.

    NFKC turns full-width digits and punctuation (１２５．５０, ，, ：) into ASCII; it is applied only to
    structured cells, so names and free text keep their own spelling.
    """
    if isinstance(raw, str):
        text = raw.translate(_INVISIBLE).strip()
        if nfkc:
            text = unicodedata.normalize("NFKC", text).strip()
        return text or None
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    return raw


def as_text(value: CellValue) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


class Codec:
    """Parses a cleaned, non-blank cell into a field value and formats a value for export."""

    nfkc = True
    number_format = "@"  # text, so Excel keeps leading zeros when the file is edited

    def empty(self) -> Any:
        return ""

    def parse(self, value: CellValue, ref: Reference) -> Any:
        return as_text(value)

    def format(self, value: Any) -> CellValue:
        return value


class Text(Codec):
    def __init__(self, *, nfkc: bool = False):
        self.nfkc = nfkc


class Url(Codec):
    def parse(self, value: CellValue, ref: Reference) -> str:
        text = as_text(value)
        return text if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE) else "http://" + text


class Digits(Codec):
    """A fixed-width number kept as text (postcode, customs numbers, class code)."""

    def __init__(self, width: int):
        self.width = width

    def parse(self, value: CellValue, ref: Reference) -> str:
        if isinstance(value, int | float) and len(str(int(value))) > 15:
            raise CellError(
                _(
                    "Excel stored this number as a number and lost digits; "
                    "format the cell as text and enter it again."
                )
            )
        text = re.sub(r"\s", "", as_text(value))
        if text.isdigit() and len(text) == self.width - 1:
            text = "0" + text  # Excel drops the leading zero of 010102, 090020…
        if not (text.isdigit() and len(text) == self.width):
            raise CellError(
                _("“%(value)s” must be exactly %(width)d digits.")
                % {"value": text, "width": self.width}
            )
        return text


class ClassCode(Digits):
    def __init__(self):
        super().__init__(6)

    def parse(self, value: CellValue, ref: Reference) -> InstrumentClass:
        code = super().parse(value, ref)
        instrument_class = ref.classes.get(code)
        if instrument_class is None:
            raise CellError(
                _("There is no instrument class with the code %(code)s.") % {"code": code}
            )
        if not instrument_class.is_leaf:
            raise CellError(
                _("Class %(code)s is a group; use a detailed 6-digit code not ending in 00.")
                % {"code": code}
            )
        return instrument_class

    def format(self, value: InstrumentClass) -> str:
        return value.code


class Choice(Codec):
    """Template words (购置, 通用, 是 …) ↔ stored values; the stored values and aliases are accepted too."""

    def __init__(self, labels: dict[str, Any], aliases: dict[str, Any] | None = None):
        self.labels = labels
        accepted = {**(aliases or {}), **{str(v): v for v in labels.values()}, **labels}
        self.accepted = {key.lower(): value for key, value in accepted.items()}

    def parse(self, value: CellValue, ref: Reference) -> Any:
        text = as_text(value)
        try:
            return self.accepted[text.lower()]
        except KeyError:
            choices = "、".join(self.labels)
            raise CellError(
                _("“%(value)s” is not one of: %(choices)s.") % {"value": text, "choices": choices}
            ) from None

    def format(self, value: Any) -> str:
        return next(label for label, stored in self.labels.items() if stored == value)


class Number(Codec):
    """A non-negative number from a numeric cell or text like “1,600”, “125.50万元”; `places` 0 = whole."""

    def __init__(self, places: int, units: tuple[str, ...], maximum: int | None = None):
        self.places, self.units, self.maximum = places, units, maximum
        self.number_format = "0." + "0" * places if places else "0"

    def empty(self) -> None:
        return None

    def parse(self, value: CellValue, ref: Reference) -> Decimal | int:
        text = as_text(value)
        if isinstance(value, str):
            text = re.sub(r"[\s,]", "", text)
            for unit in self.units:
                text = text.removesuffix(unit)
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = Decimal("NaN")
        if isinstance(value, bool) or not number.is_finite():
            raise CellError(_("“%(value)s” is not a number.") % {"value": as_text(value)})
        if number < 0:
            raise CellError(
                _("“%(value)s” is negative; the value cannot be below zero.") % {"value": text}
            )
        if number.adjusted() >= 15:  # larger than any field here; keeps quantize() in range
            raise CellError(_("“%(value)s” is too large.") % {"value": text})
        if self.maximum is not None and number > self.maximum:
            raise CellError(
                _("“%(value)s” is more than %(maximum)d.")
                % {"value": text, "maximum": self.maximum}
            )
        if self.places:  # money: rounded half up, like every amount in labshare
            return number.quantize(Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_UP)
        if number != number.to_integral_value():
            raise CellError(_("“%(value)s” is not a whole number.") % {"value": as_text(value)})
        return int(number)


_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?: \d{1,2}:\d{2}(?::\d{2})?)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


class Day(Codec):
    """Excel dates, 2019-05-01, 2019/5/1, 2019.5.1, 2019年5月1日, 20190501; exported as 2019-05-01."""

    def empty(self) -> None:
        return None

    def parse(self, value: CellValue, ref: Reference) -> date:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = re.sub(r"\s*([-/.年月日:])\s*", r"\1", as_text(value))
        match = _DATE.match(text) or _COMPACT_DATE.match(text)
        try:
            if match is None:
                raise ValueError(text)
            return date(*map(int, match.groups()))
        except ValueError:
            raise CellError(
                _("“%(value)s” is not a date; write it like 2019-05-01.")
                % {"value": as_text(value)}
            ) from None

    def format(self, value: date) -> str:
        return value.isoformat()


def _look_up(lookup: dict, item: str, unknown) -> object:
    """A name or code, or a shortened name that begins exactly one name (环境科学技术 for
    环境科学技术及资源科学技术); anything else is refused with the column's message."""
    if item in lookup:
        return lookup[item]
    if len(item) >= 2 and not item.isdigit():  # codes are exact
        matches = {value for key, value in lookup.items() if key.startswith(item)}
        if len(matches) == 1:
            return matches.pop()
    raise CellError(unknown % {"value": item})


class NameList(Codec):
    """Several names or codes in one cell, separated by commas (Chinese or ASCII), 、 or semicolons."""

    def __init__(self, table: str, limit: int, unknown: str):
        self.table, self.limit, self.unknown = table, limit, unknown

    def empty(self) -> list:
        return []

    def parse(self, value: CellValue, ref: Reference) -> list:
        lookup = getattr(ref, self.table)
        # Names that contain a separator themselves (畜牧、兽医科学) are matched whole first.
        whole = sorted(
            (k for k in lookup if any(s in k for s in _LIST_SEPARATORS)), key=len, reverse=True
        )
        pattern = "|".join([*map(re.escape, whole), f"[^{_LIST_SEPARATORS}]+"])
        items = [item.strip() for item in re.findall(pattern, as_text(value)) if item.strip()]
        chosen = list(dict.fromkeys(_look_up(lookup, item, self.unknown) for item in items))
        if len(chosen) > self.limit:
            raise CellError(
                _("At most %(limit)d entries are allowed; this cell has %(count)d.")
                % {"limit": self.limit, "count": len(chosen)}
            )
        return chosen

    def format(self, value: list) -> str:
        return LIST_JOINER.join(str(item) for item in value)


TEXT = Text()
HOURS = Number(0, ("小时", "h"), maximum=HOURS_PER_YEAR)
SOURCE_LABELS = {
    "购置": Instrument.Source.PURCHASE,
    "研制": Instrument.Source.DEVELOPED,
    "赠送": Instrument.Source.DONATED,
    "其他": Instrument.Source.OTHER,
}
CATEGORY_LABELS = {"通用": Instrument.Category.GENERAL, "专用": Instrument.Category.SPECIAL}
YES_NO = {"是": True, "否": False}
YES_NO_ALIASES = {
    **dict.fromkeys(("y", "yes", "true", "1"), True),
    **dict.fromkeys(("n", "no", "false", "0"), False),
}
UNKNOWN_DISCIPLINE = gettext_lazy(
    "“%(value)s” is not a discipline of GB/T 13745; write its name or its 3-digit code."
)
UNKNOWN_FUNDING = gettext_lazy(
    "“%(value)s” is not a funding source; use those named in the column header."
)

# Template column number → (Instrument field, codec).
FIELDS: dict[int, tuple[str, Codec]] = {
    1: ("code", TEXT),
    2: ("asset_number", TEXT),
    3: ("name", TEXT),
    4: ("name_en", TEXT),
    5: ("carrier_type", TEXT),
    6: ("carrier_code", TEXT),
    7: ("department", TEXT),
    8: ("instrument_class", ClassCode()),
    9: ("source", Choice(SOURCE_LABELS)),
    10: ("customs_supervised", Choice(YES_NO, YES_NO_ALIASES)),
    11: ("original_value", Number(2, ("万元", "万"))),
    12: ("country", TEXT),
    13: ("manufacturer", TEXT),
    14: ("acquisition_date", Day()),
    15: ("category", Choice(CATEGORY_LABELS)),
    16: ("model", TEXT),
    17: ("specifications", TEXT),
    18: ("functions", TEXT),
    19: ("disciplines", NameList("disciplines", MAX_DISCIPLINES, UNKNOWN_DISCIPLINE)),
    20: ("funding_sources", NameList("funding", MAX_FUNDING_SOURCES, UNKNOWN_FUNDING)),
    21: ("service_content", TEXT),
    22: ("photo_name", TEXT),
    23: ("annual_hours", HOURS),
    24: ("sharing_rules", TEXT),
    25: ("fee_text", TEXT),
    26: ("booking_url", Url()),
    27: ("province", TEXT),
    28: ("city", TEXT),
    29: ("county", TEXT),
    30: ("street", TEXT),
    31: ("annual_outside_hours", HOURS),
    32: ("contact_name", TEXT),
    33: ("contact_phone", TEXT),
    34: ("contact_email", Text(nfkc=True)),
    35: ("contact_address", TEXT),
    36: ("contact_postcode", Digits(6)),
    37: ("customs_declaration_no", Digits(18)),
    38: ("customs_item_no", Digits(2)),
    39: ("customs_release_date", Day()),
    40: ("customs_name", TEXT),
}


@dataclass(frozen=True)
class Column:
    number: int
    group: str
    header: str
    field: str
    codec: Codec

    @property
    def letter(self) -> str:
        return get_column_letter(self.number)

    @property
    def model_field(self):
        return Instrument._meta.get_field(self.field)

    @property
    def required(self) -> bool:
        """Required in the template = the model has neither a blank value nor a default for it."""
        return not self.model_field.blank and not self.model_field.has_default()

    def parse(self, raw: CellValue, ref: Reference) -> Any:
        """The field value for a cell, OMIT for a blank cell of a defaulted field; raises CellError."""
        value = clean_cell(raw, nfkc=self.codec.nfkc)
        field = self.model_field
        if value is None:
            if self.required:
                raise CellError(_("This cell is required."))
            return self.codec.empty() if field.blank else OMIT
        value = self.codec.parse(value, ref)
        if not field.is_relation:
            try:  # the model's own limits: lengths, e-mail, URL, digits, value ranges
                value = field.clean(value, None)
            except ValidationError as exc:
                raise CellError(exc.messages[0]) from exc
        return value

    def read(self, instrument: Instrument) -> CellValue:
        """The export cell for this column (None for an empty value)."""
        value = getattr(instrument, self.field)
        if self.model_field.many_to_many:
            value = list(value.all())
        if value is None or value == "" or value == []:
            return None
        return self.codec.format(value)


@functools.cache
def columns() -> tuple[Column, ...]:
    spec = template_columns()
    numbers = [int(row["column"]) for row in spec]
    if numbers != sorted(FIELDS):
        raise ImproperlyConfigured("The NRII template columns do not match catalog.nrii.FIELDS.")
    return tuple(
        Column(number, row["group"], row["header"], *FIELDS[number])
        for number, row in zip(numbers, spec, strict=True)
    )


def column_for_field(field: str | None) -> Column | None:
    return next((column for column in columns() if column.field == field), None)

"""What the national service record asks of the user of a service: where the money comes from
(用户经费来源, the same four sources as an instrument's funding) and the user's subject areas
(GB/T 13745 first-level codes, at most four). Booking and test orders both ask for them; the
checks and the form field are here, once.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from labshare.catalog.models import Discipline, Instrument
from labshare.core.errors import InvalidInput

FUNDING_CHOICES = Instrument.Funding.choices
MAX_SUBJECT_AREAS = 4


def clean_funding(value: str) -> str:
    value = (value or "").strip()
    if value and value not in Instrument.Funding.values:
        raise InvalidInput(_("Choose one of the funding sources."), field="funding_source")
    return value


def clean_subject_areas(codes) -> list[str]:
    """The codes in order, once each; refused when more than four or not first-level codes."""
    wanted = list(dict.fromkeys(str(code).strip() for code in (codes or ()) if str(code).strip()))
    if len(wanted) > MAX_SUBJECT_AREAS:
        raise InvalidInput(
            _("Choose at most %(count)d subject areas.") % {"count": MAX_SUBJECT_AREAS},
            field="subject_areas",
        )
    known = set(Discipline.objects.filter(code__in=wanted).values_list("code", flat=True))
    if len(known) < len(wanted):
        raise InvalidInput(
            _("Choose subject areas from the GB/T 13745 list."), field="subject_areas"
        )
    return wanted


class SubjectAreasField(forms.MultipleChoiceField):
    """Up to four GB/T 13745 first-level disciplines, as a list of codes."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Your subject areas"))
        kwargs.setdefault(
            "help_text", gettext_lazy("At most four; the national service record asks for them.")
        )
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.SelectMultiple(attrs={"size": 6}))
        super().__init__(choices=self._choices, **kwargs)

    @staticmethod
    def _choices():
        return [(d.code, f"{d.code} {d.name}") for d in Discipline.objects.order_by("code")]


def funding_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=gettext_lazy("Your funding source"),
        choices=[("", "—"), *FUNDING_CHOICES],
        required=False,
    )

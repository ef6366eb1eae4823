"""The operator's indicator forms. Numbers are typed as text and parsed by the services (full-width
digits, 2,032, a trailing % for a percentage), so every bad number gets the service's own message
on its field; dates, years and lengths are checked here first."""

from django import forms
from django.utils.translation import gettext_lazy as _

from labshare.booking.forms import LocalDateField
from labshare.insights.models import Indicator, IndicatorTarget

NUMBER_INPUT = {"inputmode": "decimal", "autocomplete": "off"}


def number_field(label, required=True, help_text=""):
    return forms.CharField(
        label=label,
        max_length=30,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(NUMBER_INPUT),
    )


class IndicatorForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Letters, digits and hyphens, e.g. forest-cover; it cannot be changed later."),
    )
    name = forms.CharField(label=_("Indicator name"), max_length=100)
    unit = forms.CharField(
        label=_("Unit"), max_length=20, help_text=_("For example 家, 件, 亿元 or %.")
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Who publishes the figure, e.g. 区统计局."),
    )
    platform_figure = forms.ChoiceField(
        label=_("Counted by the platform"),
        choices=[("", _("No: values are entered from published figures"))]
        + list(Indicator.PlatformFigure.choices),
        required=False,
    )
    position = forms.IntegerField(
        label=_("Position on the page"), min_value=0, max_value=32767, initial=0
    )
    is_public = forms.BooleanField(label=_("Show on the public page"), required=False, initial=True)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["code"]


class ValueForm(forms.Form):
    period_start = LocalDateField(label=_("First day of the period"))
    period_end = LocalDateField(
        label=_("Last day of the period"),
        help_text=_(
            "A year: 1 January to 31 December; “by the end of October”: 1 January to 31 October."
        ),
    )
    value = number_field(_("Value"))
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        help_text=_("For example the breakdown or the growth on a year earlier."),
    )
    replace = forms.BooleanField(label=_("Replace the value entered"), required=False)


class TargetForm(forms.Form):
    plan = forms.CharField(label=_("Plan"), max_length=40, help_text=_("For example 十五五."))
    first_year = forms.IntegerField(label=_("First year"), min_value=1949, max_value=2100)
    last_year = forms.IntegerField(label=_("Last year"), min_value=1949, max_value=2100)
    kind = forms.ChoiceField(label=_("Kind of target"), choices=IndicatorTarget.Kind.choices)
    direction = forms.ChoiceField(
        label=_("The result should be"), choices=IndicatorTarget.Direction.choices
    )
    value = number_field(
        _("Target"),
        help_text=_("A level (41.05), or a percentage for a change or growth (−13.5 for a fall)."),
    )
    base_value = number_field(
        _("Base value"),
        required=False,
        help_text=_("The value before the plan began; needed for a change."),
    )
    description = forms.CharField(label=_("Wording of the target"), max_length=200, required=False)

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from labshare.catalog.exporter import XLSX_CONTENT_TYPE
from labshare.catalog.models import Discipline, Instrument, InstrumentClass
from labshare.catalog.nrii import column_for_field, columns
from labshare.catalog.services import EDITABLE_FIELDS, MAX_DISCIPLINES
from labshare.core import clock
from labshare.core.pinyin import initials

# Longer queries are cut (understanding.MAX_QUERY_LENGTH) and say so; a pasted page is refused.
SEARCH_MAX_LENGTH = 20_000


# "" is the best match first with keywords, else the name in pinyin order.
SORT_CHOICES = [
    ("", _("Best match")),
    ("name", _("Name (pinyin)")),
    ("fee", _("Lowest fee")),
    ("newest", _("Newest")),
]


class CatalogSearchForm(forms.Form):
    q = forms.CharField(label=_("Keywords"), required=False, max_length=SEARCH_MAX_LENGTH)
    cls = forms.RegexField(label=_("Class"), regex=r"^\d{6}$", required=False)
    provider = forms.IntegerField(label=_("Provider"), required=False, min_value=1)
    discipline = forms.RegexField(label=_("Discipline"), regex=r"^\d{3}$", required=False)
    status = forms.ChoiceField(
        label=_("Running status"),
        required=False,
        choices=[("", _("Any"))] + list(Instrument.RunningStatus.choices),
    )
    mode = forms.ChoiceField(
        label=_("Booking mode"),
        required=False,
        choices=[("", _("Any"))] + list(Instrument.BookingMode.choices),
    )
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=SORT_CHOICES)
    free_from = forms.DateField(
        label=_("Free from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    free_to = forms.DateField(
        label=_("Free until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    free_hours = forms.DecimalField(
        label=_("At least (hours)"),
        required=False,
        min_value=Decimal("0.5"),
        max_value=24,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )

    def clean(self):
        data = super().clean()
        first, last = data.get("free_from"), data.get("free_to")
        if first and last and last < first:
            self.add_error("free_to", _("The end date is before the start date."))
        today = clock.today()
        if last and last < today:
            self.add_error("free_to", _("This date has passed; choose today or later."))
        for name in ("free_from", "free_to"):
            day = data.get(name)
            if day and day > today + timedelta(days=366):
                self.add_error(name, _("Instruments are not booked that far ahead."))
        return data


def class_options() -> list[dict]:
    """Every leaf class for the searchable picker: the code people may type, and a label
    with the name and its pinyin initials (扫描电子显微镜 smdzxwj) that the list matches."""
    return [
        {"code": cls.code, "label": f"{cls.name} · {initials(cls.name)}"}
        for cls in InstrumentClass.objects.order_by("code")
        if not cls.code.endswith("00")
    ]


# The platform's own fields, which the national template does not have.
PLATFORM_GROUP = _("On this platform")


class InstrumentForm(forms.ModelForm):
    instrument_class = forms.CharField(
        label=_("Instrument class"),
        max_length=6,
        help_text=_("Type the 6-digit code, or part of the name or its pinyin initials (smdj)."),
        widget=forms.TextInput(
            attrs={"list": "class-options", "autocomplete": "off", "inputmode": "search"}
        ),
    )
    disciplines = forms.ModelMultipleChoiceField(
        label=_("Disciplines"),
        queryset=Discipline.objects.order_by("code"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checklist"}),
    )
    booking_url = forms.URLField(label=_("Booking address"), required=False, assume_scheme="https")
    funding_sources = forms.MultipleChoiceField(
        label=_("Main funding sources"),
        choices=Instrument.Funding.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Instrument
        fields = [name for name in EDITABLE_FIELDS if name not in {"photo_name"}] + ["disciplines"]
        widgets = {
            "acquisition_date": forms.DateInput(attrs={"type": "date"}),
            "customs_release_date": forms.DateInput(attrs={"type": "date"}),
            "specifications": forms.Textarea(attrs={"rows": 4, "maxlength": 500}),
            "functions": forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            "service_content": forms.Textarea(attrs={"rows": 3, "maxlength": 200}),
            "sharing_rules": forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
            "fee_text": forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
            "typical_results": forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["disciplines"].help_text = gettext("At most %(count)d.") % {
            "count": MAX_DISCIPLINES
        }
        if self.instance.pk:
            self.initial["instrument_class"] = self.instance.instrument_class_id
        parents = Instrument.objects.filter(organization=organization, retired_at__isnull=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents

    def clean_disciplines(self):
        chosen = self.cleaned_data["disciplines"]
        if len(chosen) > MAX_DISCIPLINES:
            raise forms.ValidationError(
                gettext("Choose at most %(count)d disciplines.") % {"count": MAX_DISCIPLINES}
            )
        return chosen

    def class_options(self) -> list[dict]:
        return class_options()

    def groups(self) -> list[tuple[str, list]]:
        """The fields in the national template's groups (basic data, contact, customs), then
        the platform's own."""
        platform = str(PLATFORM_GROUP)
        grouped: dict[str, list] = {column.group: [] for column in columns()}
        grouped[platform] = []
        for field in self:
            column = column_for_field(field.name)
            grouped[column.group if column else platform].append(field)
        return [(group, fields) for group, fields in grouped.items() if fields]

    def clean_instrument_class(self):
        code = self.cleaned_data["instrument_class"].strip()[:6]
        cls = InstrumentClass.objects.filter(code=code).first()
        if cls is None or not cls.is_leaf:
            raise forms.ValidationError(_("Choose the most detailed class."))
        return cls

    def validate_unique(self):
        """Uniqueness is the service's to check; it reports a clear message per field."""

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["disciplines"] = list(data["disciplines"])
        return data


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Photo (JPEG, PNG or WebP)"))
    caption = forms.CharField(label=_("Caption"), max_length=100, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        widget=forms.FileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}"}),
    )

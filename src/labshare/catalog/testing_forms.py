"""Forms of the test-item pages: the item itself, a certificate, a scope line, the public search."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from labshare.catalog.forms import SEARCH_MAX_LENGTH
from labshare.catalog.models import Accreditation, Instrument, TestService
from labshare.catalog.testing import TEST_SERVICE_FIELDS


class TestServiceSearchForm(forms.Form):
    q = forms.CharField(label=_("Keywords"), required=False, max_length=SEARCH_MAX_LENGTH)
    provider = forms.IntegerField(label=_("Provider"), required=False, min_value=1)
    accredited = forms.BooleanField(label=_("CMA/CNAS accredited only"), required=False)

    __test__ = False  # not a pytest class


class TestServiceForm(forms.ModelForm):
    instruments = forms.ModelMultipleChoiceField(
        label=_("Instruments used"),
        queryset=Instrument.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checklist"}),
        help_text=_("Only your own instruments can be chosen."),
    )

    class Meta:
        model = TestService
        fields = [*TEST_SERVICE_FIELDS, "instruments"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
            "price_per_sample": forms.NumberInput(attrs={"min": "0", "step": "0.01"}),
        }

    __test__ = False  # not a pytest class

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        # The positive-integer field says min 0; the model's validators allow 1 to 120.
        self.fields["turnaround_days"].widget.attrs.update(min="1", max="120")
        # The provider's own instruments in service, and any retired one the item still uses.
        keep = Q(retired_at__isnull=True)
        if self.instance.pk:
            keep |= Q(test_services=self.instance)
        self.fields["instruments"].queryset = (
            Instrument.objects.filter(keep, organization=organization)
            .distinct()
            .order_by("name_sort", "id")
        )

    def validate_unique(self):
        """Uniqueness is the service's to check; it reports a clear message per field."""

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["instruments"] = list(data["instruments"])
        return data


class AccreditationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Certificate kind"), choices=Accreditation.Kind.choices)
    number = forms.CharField(label=_("Certificate number"), max_length=40)
    issuer = forms.CharField(label=_("Issuing body"), max_length=100)
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput({"type": "date"}))
    valid_until = forms.DateField(label=_("Valid until"), widget=forms.DateInput({"type": "date"}))


class ScopeLineForm(forms.Form):
    test_service = forms.ModelChoiceField(label=_("Test item"), queryset=TestService.objects.none())
    method_code = forms.CharField(
        label=_("Standard code"),
        max_length=60,
        required=False,
        help_text=_("Leave empty to use the standard the test item names."),
    )

    def __init__(self, *args, test_services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["test_service"].queryset = test_services.order_by("name_sort", "id")

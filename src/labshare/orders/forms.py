"""The testing service's forms: they parse and say what is missing; the services decide."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from labshare.accounts.models import Membership
from labshare.booking.forms import LocalDateField, SpanForm
from labshare.catalog.models import Instrument, TestService
from labshare.catalog.user_profile import SubjectAreasField, funding_field
from labshare.core import charging, clock
from labshare.core.forms import star_rating
from labshare.orders.models import (
    MAX_QUANTITY,
    MAX_SAMPLES,
    ORDER_FIELDS,
    Result,
    Review,
    ServiceOrder,
)


class OrderForm(forms.ModelForm):
    test_services = forms.ModelMultipleChoiceField(
        label=_("Test items"),
        queryset=TestService.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one test item.")},
    )
    sample_count = forms.IntegerField(
        label=_("Number of samples"),
        min_value=1,
        max_value=MAX_SAMPLES,
        initial=1,
        error_messages={"min_value": _("Send at least one sample.")},
    )

    class Meta:
        model = ServiceOrder
        fields = list(ORDER_FIELDS)
        widgets = {
            "sample_description": forms.Textarea({"rows": 3}),
            "note": forms.Textarea({"rows": 2}),
        }

    funding_source = funding_field()
    subject_areas = SubjectAreasField()

    send_now = forms.BooleanField(
        label=_("Send to the lab now"),
        required=False,
        initial=True,
        help_text=_("Untick to keep the order as a draft and send it later."),
    )

    def __init__(self, *args, offered=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["test_services"].queryset = (
            offered if offered is not None else TestService.objects.none()
        )
        self.order_fields(["test_services"])

    def validate_unique(self):
        """The service checks the order; the form only parses."""


def order_initial(user, chosen: TestService) -> dict:
    """The order form filled with what is known: the chosen item and the person's contact."""
    return {
        "test_services": [chosen.pk],
        "contact_name": user.full_name,
        "contact_phone": user.phone,
        "sample_count": 1,
    }


class QuoteForm(forms.Form):
    expected_date = LocalDateField(label=_("Report expected by"))
    note = forms.CharField(
        label=_("Note for the client"),
        required=False,
        max_length=500,
        widget=forms.Textarea({"rows": 2}),
    )

    def clean_expected_date(self):
        value = self.cleaned_data["expected_date"]
        if value < clock.today():
            raise forms.ValidationError(_("The expected date must not be in the past."))
        return value


class QuoteLineForm(forms.Form):
    description = forms.CharField(label=_("Line"), max_length=100, required=False)
    quantity = forms.IntegerField(
        label=_("Quantity"), min_value=1, max_value=MAX_QUANTITY, required=False
    )
    unit_price = forms.DecimalField(
        label=_("Unit price (CNY)"), min_value=0, max_digits=10, decimal_places=2, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("description") and data.get("unit_price") is None:
            self.add_error("unit_price", _("Every quote line needs a price."))
        if data.get("description") and not data.get("quantity"):
            self.add_error("quantity", _("Give the quantity."))
        if not data.get("description") and data.get("unit_price") is not None:
            self.add_error("description", _("Every quote line needs a description."))
        return data

    @property
    def line(self):
        data = self.cleaned_data
        return (
            (data["description"], data["quantity"], data["unit_price"])
            if data.get("description")
            else None
        )


QuoteLineFormSet = forms.formset_factory(QuoteLineForm, extra=0, max_num=20)


def _sample_price(test_service, order: ServiceOrder):
    """The client's price from the price list, else the item's reference price."""
    price = charging.sample_price(test_service, order.customer)
    return test_service.price_per_sample if price is None else price


def quote_initial(order: ServiceOrder, items) -> list[dict]:
    lines = [
        {
            "description": item.test_service.name,
            "quantity": order.sample_count,
            "unit_price": _sample_price(item.test_service, order),
        }
        for item in items
    ]
    return lines + [{}, {}]


def expected_initial(items) -> dict:
    days = max((item.test_service.turnaround_days for item in items), default=5)
    return {"expected_date": clock.today() + timedelta(days=days + 7)}


class SampleForm(forms.Form):
    description = forms.CharField(label=_("Sample"), max_length=200)
    condition = forms.CharField(
        label=_("Condition on receipt"), max_length=200, initial=_("Intact")
    )


SampleFormSet = forms.formset_factory(SampleForm, extra=0)


def sample_initial(order: ServiceOrder) -> list[dict]:
    """One row per ordered sample; the client's description lines fill them when they match."""
    lines = [line.strip() for line in order.sample_description.splitlines() if line.strip()]
    if len(lines) != order.sample_count:
        lines = [""] * order.sample_count
    return [{"description": line} for line in lines]


class ResultForm(forms.Form):
    value = forms.CharField(label=_("Result"), max_length=60, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    spec = forms.CharField(label=_("Limit or specification"), max_length=60, required=False)
    verdict = forms.ChoiceField(label=_("Verdict"), choices=Result.Verdict.choices, required=False)


class ReviewForm(forms.Form):
    rating = star_rating(_("Rating"))
    sentiment = forms.ChoiceField(
        label=_("Overall"), choices=Review.Sentiment.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=500, widget=forms.Textarea({"rows": 3})
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(label=_("Answer"), max_length=500, widget=forms.Textarea({"rows": 2}))


class BookTimeForm(SpanForm):
    instrument = forms.ModelChoiceField(label=_("Instrument"), queryset=Instrument.objects.none())

    def __init__(self, *args, provider=None, **kwargs):
        super().__init__(*args, **kwargs)
        if provider is not None:
            self.fields["instrument"].queryset = Instrument.objects.filter(
                organization=provider, retired_at__isnull=True
            ).order_by("name_sort")
        self.order_fields(["instrument"])


class SignatoryForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=Membership.objects.none())
    test_services = forms.ModelMultipleChoiceField(
        label=_("May sign for"),
        queryset=TestService.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, provider=None, **kwargs):
        super().__init__(*args, **kwargs)
        if provider is not None:
            self.fields["member"].queryset = (
                Membership.objects.filter(organization=provider)
                .select_related("user")
                .order_by("user__username")
            )
            self.fields["member"].label_from_instance = lambda m: str(m.user)
            self.fields["test_services"].queryset = TestService.objects.filter(
                organization=provider, retired_at__isnull=True
            ).order_by("name_sort")

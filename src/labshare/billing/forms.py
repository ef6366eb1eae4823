"""The billing pages' forms. Amounts are typed as text and parsed by the services (to the fen,
never a float), so that every bad amount gets the service's own message on its field."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from labshare.billing.models import Attribute, Charge, Price, Tier
from labshare.billing.periods import month_of
from labshare.booking.forms import LocalDateField

MONEY_INPUT = {"inputmode": "decimal", "autocomplete": "off"}


def money_field(label, required=True, help_text=""):
    return forms.CharField(
        label=label,
        max_length=20,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(MONEY_INPUT),
    )


class MonthField(forms.DateField):
    """A month as <input type="month"> (YYYY-MM), the first day of it as a date."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value):
        day = super().to_python(value)
        return None if day is None else month_of(day)


class PeriodForm(forms.Form):
    """The period filter of every billing list: from one month to another (both included)."""

    since = MonthField(label=_("From month"), required=False)
    until = MonthField(label=_("To month"), required=False)

    def bounds(self) -> tuple[date | None, date | None]:
        """[start, end) for the lists' queries, or (None, None) when nothing valid is asked."""
        from labshare.billing.periods import next_month

        if not self.is_valid():
            return None, None
        since, until = self.cleaned_data["since"], self.cleaned_data["until"]
        return since, next_month(until) if until else None


class PriceForm(forms.Form):
    tier = forms.ChoiceField(label=_("Customer tier"), choices=Tier.choices)
    valid_from = LocalDateField(label=_("Valid from"))
    valid_until = LocalDateField(
        label=_("Valid until"), required=False, help_text=_("Empty: until further notice.")
    )
    unit_price = money_field(_("Price (CNY)"))
    minimum = money_field(_("Minimum charge (CNY)"), required=False)
    increment_minutes = forms.IntegerField(
        label=_("Billing increment (minutes)"), initial=15, min_value=1, max_value=24 * 60
    )
    basis = forms.ChoiceField(label=_("Charge basis"), choices=Price.Basis.choices)
    cancellation_fee = money_field(_("Late cancellation fee (CNY)"), required=False)
    no_show_fee = money_field(_("No-show fee (CNY)"), required=False)

    FOR_SAMPLES = ("tier", "valid_from", "valid_until", "unit_price", "minimum")

    def __init__(self, *args, per_sample: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if per_sample:
            for name in list(self.fields):
                if name not in self.FOR_SAMPLES:
                    del self.fields[name]

    def rule(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("minimum", "cancellation_fee", "no_show_fee"):
            if name in data and not data[name]:
                data[name] = "0"
        return data


class EndPriceForm(forms.Form):
    last_day = LocalDateField(label=_("Last day"))


class DisputeForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with the charge?"),
        max_length=500,
        widget=forms.Textarea({"rows": 2}),
    )


class ApproveDisputeForm(forms.Form):
    quantity = forms.CharField(
        label=_("Corrected quantity (hours or samples)"),
        max_length=12,
        required=False,
        widget=forms.TextInput(MONEY_INPUT),
        help_text=_("Charged again at the line's unit price."),
    )
    amount = money_field(
        _("Corrected amount (CNY)"),
        required=False,
        help_text=_("Or: what the customer should pay for this service in all."),
    )
    waive = forms.BooleanField(label=_("Waive the charge"), required=False)
    note = forms.CharField(label=_("Note to the customer"), max_length=500, required=False)


class DenyDisputeForm(forms.Form):
    note = forms.CharField(label=_("Why the charge stands"), max_length=500)


class RunForm(forms.Form):
    period = MonthField(label=_("Month"))


class PaymentForm(forms.Form):
    amount = money_field(_("Amount received (CNY)"))
    paid_on = LocalDateField(label=_("Date received"))
    reference = forms.CharField(label=_("Bank transfer reference"), max_length=60)


class FapiaoForm(forms.Form):
    number = forms.CharField(label=_("Fapiao number"), max_length=20)
    issued_on = LocalDateField(label=_("Fapiao date"))


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    eligible_attributes = forms.MultipleChoiceField(
        label=_("Eligible attributes"),
        choices=Attribute.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    services = forms.MultipleChoiceField(
        label=_("Eligible services"),
        choices=Charge.Service.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    share = forms.CharField(
        label=_("Share paid by the voucher"),
        max_length=8,
        help_text=_("For example 0.5 (or 50%) for half."),
    )
    per_claim_cap = money_field(_("Cap per claim (CNY)"))
    per_firm_cap = money_field(_("Cap per firm and year (CNY)"))
    budget = money_field(_("Total budget (CNY)"))
    valid_from = LocalDateField(label=_("Valid from"))
    valid_until = LocalDateField(label=_("Valid until"))


class GrantForm(forms.Form):
    organization = forms.IntegerField(widget=forms.HiddenInput)
    quota = money_field(_("Quota (CNY)"))


class VerifyForm(forms.Form):
    attribute = forms.ChoiceField(label=_("Attribute"), choices=Attribute.choices)
    document_reference = forms.CharField(label=_("Document seen"), max_length=120)
    verified_on = LocalDateField(label=_("Verified on"), required=False)
    valid_until = LocalDateField(label=_("Valid until"), required=False)


class SettleForm(forms.Form):
    provider = forms.IntegerField(widget=forms.HiddenInput)
    quarter = LocalDateField(label=_("A day of the quarter"))

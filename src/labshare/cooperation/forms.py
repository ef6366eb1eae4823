"""The cooperation pages' forms: they parse and say what is missing; the services decide
(budget ranges, deadlines, milestone sums, who may do what)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from labshare.billing.forms import money_field
from labshare.booking.forms import LocalDateField
from labshare.catalog.models import Discipline, Instrument
from labshare.cooperation.models import Mode
from labshare.cooperation.queries import field_choices


class NeedForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=80)
    problem = forms.CharField(
        label=_("The problem"),
        max_length=4000,
        widget=forms.Textarea({"rows": 6}),
        help_text=_("What you make, what goes wrong or what you cannot yet do, what you tried."),
    )
    expected_outcome = forms.CharField(
        label=_("Expected outcome"),
        max_length=1000,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("What you want at the end: a process, a prototype, a report, a licence."),
    )
    field = forms.ChoiceField(label=_("Industry field"))
    disciplines = forms.ModelMultipleChoiceField(
        label=_("Disciplines"),
        queryset=Discipline.objects.order_by("code"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One to three."),
        error_messages={"required": _("Choose the discipline of the need.")},
    )
    mode = forms.ChoiceField(label=_("Cooperation mode"), choices=Mode.choices)
    budget_min = money_field(_("Budget from (yuan)"), required=False)
    budget_max = money_field(
        _("Budget up to (yuan)"), required=False, help_text=_("Leave both empty to negotiate.")
    )
    deadline = LocalDateField(label=_("Proposals until"))
    is_confidential = forms.BooleanField(
        label=_("Confidential: only providers I invite or approve read the details"),
        required=False,
    )
    public_summary = forms.CharField(
        label=_("Public summary"),
        max_length=300,
        required=False,
        help_text=_("For a confidential need: what everybody may read, in a sentence or two."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", "—")] + field_choices()


class ProposalForm(forms.Form):
    approach = forms.CharField(
        label=_("Approach"), max_length=4000, widget=forms.Textarea({"rows": 6})
    )
    team = forms.CharField(label=_("Team"), max_length=1000, widget=forms.Textarea({"rows": 3}))
    timeline = forms.CharField(
        label=_("Timeline"), max_length=1000, widget=forms.Textarea({"rows": 3})
    )
    duration_days = forms.IntegerField(label=_("Duration (days)"), min_value=1, max_value=3650)
    price = money_field(_("Price (yuan)"))
    instruments = forms.ModelMultipleChoiceField(
        label=_("Instruments you would use"),
        queryset=Instrument.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, provider=None, **kwargs):
        super().__init__(*args, **kwargs)
        if provider is not None:
            self.fields["instruments"].queryset = Instrument.objects.filter(
                organization=provider, retired_at__isnull=True
            ).order_by("name_sort", "id")


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=2000, widget=forms.Textarea({"rows": 3}))
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("PDF, image, Word or Excel file."),
    )


class DeclineForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the provider"),
        max_length=500,
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("Leave empty for the platform's polite standard message."),
    )


class TermsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=80)
    contract_type = forms.ChoiceField(label=_("Contract type"), choices=Mode.choices)
    value = money_field(_("Contract value (yuan)"))


class MilestoneForm(forms.Form):
    deliverable = forms.CharField(label=_("Deliverable"), max_length=200)
    due_on = LocalDateField(label=_("Due date"))
    amount = money_field(_("Amount (yuan)"))


class SignForm(forms.Form):
    signed_on = LocalDateField(label=_("Signing date"))


class RegisterForm(forms.Form):
    registration_number = forms.CharField(
        label=_("Technology-contract registration number"), max_length=30
    )
    registered_on = LocalDateField(label=_("Registration date"))


class InviteForm(forms.Form):
    provider = forms.IntegerField(widget=forms.HiddenInput)


class LinkForm(forms.Form):
    reservation = forms.IntegerField(required=False)
    order = forms.IntegerField(required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("reservation")) == bool(data.get("order")):
            raise forms.ValidationError(_("Choose a reservation or a test order."))
        return data

"""The audit trail's filters."""

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from labshare.core.actors import Channel

# The objects whose events can be picked out: the part of the verb before the dot.
SUBJECTS = [
    ("", _("All actions")),
    ("organization.", _("Organizations")),
    ("membership.", _("Members")),
    ("api_token.", _("API tokens")),
    ("instrument.", _("Instruments")),
    ("booking.", _("Schedules and qualifications")),
    ("reservation.", _("Reservations")),
    ("usage.", _("Usage records")),
]


class AuditFilterForm(forms.Form):
    verb = forms.ChoiceField(label=_("Action"), choices=SUBJECTS, required=False)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("Any"))] + list(Channel.choices), required=False
    )
    actor = forms.CharField(label=_("User name"), max_length=150, required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput({"type": "date"})
    )
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput({"type": "date"}))

    def __init__(self, *args, all_organizations: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if all_organizations:
            organization = apps.get_model("accounts", "Organization")
            self.fields["organization"] = forms.ModelChoiceField(
                label=_("Organization"),
                queryset=organization.objects.order_by("name"),
                required=False,
            )

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date is before the start date."))
        return data

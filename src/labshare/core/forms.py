from django import forms
from django.apps import apps
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from labshare.core.actors import Channel
from labshare.core.errors import DomainError


class ReasonForm(forms.Form):
    """A reason the other side will read: for a retirement, a rejection, a cancellation."""

    reason = forms.CharField(label=_("Reason"), max_length=200)


def star_rating(label) -> forms.TypedChoiceField:
    """Five stars, the best first (an order's review, a reservation's satisfaction)."""
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        choices=[(n, "★" * n) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show a service's error on the field it concerns, or on the form as a whole."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


def first_error(form: forms.BaseForm) -> str:
    """The first problem of an invalid form, for pages that report through messages."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        if not label:
            return str(errors[0])
        return gettext("%(label)s: %(error)s") % {"label": label, "error": errors[0]}
    return ""


def run_action(request, action, success: str) -> bool:
    """Call a service; show its domain error, or the success message. True when it worked."""
    from django.contrib import messages

    try:
        action()
    except DomainError as error:
        messages.error(request, str(error.message))
        return False
    messages.success(request, success)
    return True


def run_with_reason(request, action, success: str) -> bool:
    """run_action for a step that needs a reason the other side will read (ReasonForm posted):
    action(reason) is called only when the reason is there."""
    from django.contrib import messages

    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return False
    reason = form.cleaned_data["reason"]
    return run_action(request, lambda: action(reason), success)


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
                queryset=organization.objects.order_by("name_sort", "id"),
                required=False,
            )

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date is before the start date."))
        return data


class CalendarDayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput({"type": "date"}))
    is_workday = forms.TypedChoiceField(
        label=_("The date is"),
        choices=[("0", _("a day off")), ("1", _("a working day"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=60,
        required=False,
        help_text=_("e.g. 春节调休 or the notice that announced it"),
    )

"""Forms of the booking pages: they check the input's shape; the services decide the rest.

Date and time inputs are read as local times in the platform's time zone (Asia/Shanghai).
"""

from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from labshare.accounts.models import Organization
from labshare.booking import queries
from labshare.booking.models import MAX_EFFECTIVE_MINUTES, BookingRules, WeeklyWindow
from labshare.catalog.models import Instrument
from labshare.catalog.user_profile import SubjectAreasField, funding_field
from labshare.core.forms import star_rating

# Dates outside these years are typing mistakes; refusing them keeps date arithmetic safe.
FIRST_YEAR, LAST_YEAR = 2000, 2099
DATETIME_INPUT = "%Y-%m-%dT%H:%M"
# Real zones lie within UTC-12 and UTC+14; PostgreSQL stores offsets up to ±15:59.
MAX_OFFSET = timedelta(hours=16)


def _check_year(value):
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise forms.ValidationError(
            _("Enter a date between the years %(first)d and %(last)d."),
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
            code="year",
        )


class LocalDateTimeField(forms.DateTimeField):
    """A datetime-local input, read as a time in the platform's time zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT)
    default_validators = [_check_year]

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", [DATETIME_INPUT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"])
        super().__init__(**kwargs)

    def to_python(self, value):
        """A typed offset (2026-12-03T09:00+08:00) is honoured and read into the platform's zone;
        one no clock uses (beyond ±15:59, which PostgreSQL cannot store) is refused."""
        result = super().to_python(value)
        if result is None or result.utcoffset() is None:
            return result
        if abs(result.utcoffset()) >= MAX_OFFSET:
            raise forms.ValidationError(
                _("This time carries a UTC offset that no time zone has; leave the offset out."),
                code="offset",
            )
        return timezone.localtime(result)


class LocalDateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    default_validators = [_check_year]


class TimeOfDayField(forms.TimeField):
    widget = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SpanForm(forms.Form):
    """A start and an end, the end after the start."""

    start = LocalDateTimeField(label=_("Start"))
    end = LocalDateTimeField(label=_("End"))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        return data


class WeekForm(forms.Form):
    week = LocalDateField(required=False)

    def week_day(self) -> date | None:
        return self.cleaned_data["week"] if self.is_valid() else None


class ReservationForm(SpanForm):
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=200,
        required=False,
        help_text=_("What you will measure, and the samples you bring."),
        widget=forms.TextInput(
            attrs={"placeholder": _("e.g. fracture surfaces of 5 steel samples")}
        ),
    )

    funding_source = funding_field()
    subject_areas = SubjectAreasField()

    def __init__(self, *args, granularity: int = 30, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            self.fields[name].widget.attrs["step"] = granularity * 60


class ReasonForm(forms.Form):
    """An optional reason, as a customer gives when cancelling."""

    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class RatingForm(forms.Form):
    """Five levels of satisfaction and a comment, for the national service record."""

    rating = star_rating(_("Satisfaction"))
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=200, widget=forms.Textarea({"rows": 2})
    )


class CheckOutForm(forms.Form):
    """The effective time (有效机时) in minutes, prefilled with the elapsed time; a different
    value needs a reason (the service says so)."""

    effective_minutes = forms.IntegerField(
        label=_("Effective minutes"), min_value=0, max_value=MAX_EFFECTIVE_MINUTES, required=False
    )
    reason = forms.CharField(label=_("Reason for a correction"), max_length=200, required=False)
    # What the page showed: left as it was, the time is the elapsed time at the moment of the
    # check-out, not a correction to the minute the page was opened.
    shown_minutes = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        shown = data.pop("shown_minutes", None)
        if data.get("effective_minutes") is not None and data["effective_minutes"] == shown:
            data["effective_minutes"] = None
        return data


class TrainingRequestForm(forms.Form):
    note = forms.CharField(
        label=_("What you want to measure (optional)"), max_length=200, required=False
    )


class ScheduleTrainingForm(forms.Form):
    when = LocalDateTimeField(label=_("Training date"))
    note = forms.CharField(label=_("Note to the user"), max_length=200, required=False)


class CompleteTrainingForm(forms.Form):
    expires_on = LocalDateField(label=_("Qualified until (optional)"), required=False)


class RequiredReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        error_messages={"required": _("Please give a reason; the customer will read it.")},
    )


class BookingRulesForm(forms.ModelForm):
    class Meta:
        model = BookingRules
        fields = [
            "granularity_minutes",
            "min_duration_minutes",
            "max_duration_minutes",
            "lead_time_minutes",
            "horizon_days",
            "approval_required",
            "cancellation_deadline_hours",
        ]

    def validate_unique(self):
        """The rules row is the service's to create."""


class WeeklyWindowForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Weekday"), choices=WeeklyWindow.Weekday.choices, coerce=int
    )
    start_time = TimeOfDayField(label=_("From"))
    end_time = TimeOfDayField(
        label=_("To"), help_text=_("00:00 means midnight at the end of the day.")
    )
    valid_from = LocalDateField(label=_("Valid from"), required=False)
    valid_until = LocalDateField(label=_("Valid until"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start is not None and end is not None and not (end > start or end == time(0)):
            self.add_error(
                "end_time", _("The window must end after it starts (00:00 means midnight).")
            )
        first, last = data.get("valid_from"), data.get("valid_until")
        if first and last and last < first:
            self.add_error("valid_until", _("“Valid until” is before “valid from”."))
        return data


class ExtraOpeningForm(SpanForm):
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class BlackoutForm(SpanForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("Maintenance, calibration, internal use …"),
        error_messages={"required": _("Please give a reason (maintenance, internal use …).")},
    )


class QualificationForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    expires_on = LocalDateField(label=_("Expires on"), required=False)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("There is no account with this username."))
        return user


class UsageForm(SpanForm):
    """Usage (有效机时) entered by staff; every choice is limited to what the provider may use."""

    instrument = forms.ModelChoiceField(label=_("Instrument"), queryset=Instrument.objects.none())
    operator = forms.ModelChoiceField(
        label=_("Operated by"), queryset=get_user_model().objects.none()
    )
    user_organization = forms.ModelChoiceField(
        label=_("User organization"), queryset=Organization.objects.order_by("name_sort", "id")
    )
    reservation = forms.IntegerField(
        label=_("Reservation number"),
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("Optional: the reservation this usage belongs to."),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    field_order = [
        "instrument",
        "start",
        "end",
        "operator",
        "user_organization",
        "reservation",
        "note",
    ]

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["instrument"].queryset = queries.provider_instruments(organization)
        self.fields["operator"].queryset = (
            get_user_model()
            .objects.filter(memberships__organization=organization)
            .distinct()
            .order_by("username")
        )

    def clean_reservation(self):
        number = self.cleaned_data["reservation"]
        if number is None:
            return None
        reservation = queries.provider_reservation(self.organization, number)
        if reservation is None:
            raise forms.ValidationError(
                _("None of your instruments has a reservation with this number.")
            )
        return reservation

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "start": data["start"],
            "end": data["end"],
            "operator": data["operator"],
            "user_organization": data["user_organization"],
            "reservation": data["reservation"],
            "note": data["note"],
        }


def initial_span(query) -> dict[str, datetime]:
    """start/end from a query string, when both are valid; nothing otherwise."""
    form = SpanForm(query)
    if query.get("start") and form.is_valid():
        return {"start": form.cleaned_data["start"], "end": form.cleaned_data["end"]}
    return {}

"""The period picker of the dashboards: a month, a quarter, a year, or any run of days."""

from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from labshare.core import clock
from labshare.insights.periods import Period, month, quarter, year

LONGEST_DAYS = 3 * 366  # a custom period of at most three years: the monthly series stay legible


class PeriodPicker(forms.Form):
    KINDS = [
        ("month", _("Month")),
        ("quarter", _("Quarter")),
        ("year", _("Year")),
        ("custom", _("Custom")),
    ]
    kind = forms.ChoiceField(label=_("Period"), choices=KINDS, initial="month", required=False)
    on = forms.DateField(
        label=_("A day in it"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == "custom":
            start, end = data.get("start"), data.get("end")
            if start is None or end is None:
                self.add_error("start", _("Give the first and the last day."))
            elif end < start:
                self.add_error("end", _("The last day must not be before the first."))
            elif (end - start).days >= LONGEST_DAYS:
                self.add_error("end", _("Choose at most three years."))
        return data

    def period(self) -> Period:
        """The chosen period; this month when nothing (valid) was chosen."""
        today = clock.today()
        if not self.is_bound or not self.is_valid():
            return month(today)
        data = self.cleaned_data
        day = data.get("on") or today
        kind = data.get("kind") or "month"
        if kind == "custom":
            return Period(data["start"], data["end"])
        if kind == "quarter":
            return quarter(day)
        if kind == "year":
            return year(day.year)
        return month(day)


def shifted(period: Period, kind: str, step: int) -> date:
    """A day in the period before (step −1) or after (+1), for the picker's arrows."""
    if step < 0:
        return period.previous().start
    return period.end + timedelta(days=1)

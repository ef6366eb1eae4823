"""Pages everybody may see: an instrument's week."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.vary import vary_on_headers

from labshare.booking import access, calendar, queries
from labshare.booking.forms import WeekForm
from labshare.core.http import wants_partial


@vary_on_headers("HX-Request")
def instrument_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """Open, booked, closed and free time of one instrument, Monday to Sunday."""
    instrument = access.visible_instrument(request.actor, pk)
    week = calendar.Week.containing(WeekForm(request.GET).week_day())
    context = {
        "instrument": instrument,
        "calendar": calendar.instrument_week(request, instrument, week),
        "rules_summary": queries.rules_summary(instrument),
        "qualification": queries.qualification_state(instrument, request.user),
    }
    if wants_partial(request):
        return render(request, "booking/_calendar.html", context)
    return render(request, "booking/instrument_calendar.html", context)

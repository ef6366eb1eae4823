"""The operator's working-day calendar: declarations win over the holiday library, deadlines
count with them at once, and nobody else may declare."""

from datetime import date

import pytest
from django.urls import reverse

from labshare.core import services
from labshare.core.errors import InvalidInput, NotAllowed
from labshare.core.models import AuditEvent, CalendarDay
from labshare.core.workdays import add_workdays, is_workday
from tests.factories import act

pytestmark = pytest.mark.django_db

SATURDAY = date(2026, 10, 17)  # an ordinary Saturday in 2026


def test_a_declared_working_saturday_counts_in_deadlines(operator):
    friday = date(2026, 10, 16)
    assert add_workdays(friday, 1) == date(2026, 10, 19)
    services.set_calendar_day(act(operator), SATURDAY, True, "调休上班")
    assert is_workday(SATURDAY)
    assert add_workdays(friday, 1) == SATURDAY
    assert AuditEvent.objects.filter(verb="calendar_day.set").count() == 1


def test_a_declared_day_off_wins_over_an_ordinary_weekday(operator):
    monday = date(2026, 10, 19)
    services.set_calendar_day(act(operator), monday, False, "临时放假")
    assert not is_workday(monday)
    services.set_calendar_day(act(operator), monday, True, "改回上班")  # replaces, not adds
    assert CalendarDay.objects.get().note == "改回上班" and is_workday(monday)


def test_withdrawing_a_declaration_gives_the_date_back_to_the_library(operator):
    entry = services.set_calendar_day(act(operator), SATURDAY, True)
    services.clear_calendar_day(act(operator), entry)
    assert not CalendarDay.objects.exists() and not is_workday(SATURDAY)


@pytest.mark.parametrize("persona", ["provider_admin", "sme_admin", "outsider"])
def test_only_the_operator_declares(request, persona):
    actor = act(request.getfixturevalue(persona))
    events = AuditEvent.objects.count()
    with pytest.raises(NotAllowed):
        services.set_calendar_day(actor, SATURDAY, True)
    assert not CalendarDay.objects.exists() and AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    ("day", "note", "field"),
    [("2026-10-17", "", "date"), (date(1999, 1, 1), "", "date"), (SATURDAY, "注" * 61, "note")],
)
def test_bad_declarations_are_refused_on_their_field(operator, day, note, field):
    with pytest.raises(InvalidInput) as refusal:
        services.set_calendar_day(act(operator), day, True, note)
    assert refusal.value.field == field
    assert not CalendarDay.objects.exists()


def test_the_page_lists_the_library_and_takes_a_declaration(client_of, operator):
    client = client_of(operator)
    page = client.get(reverse("core:working_days"), {"year": 2026})
    assert page.status_code == 200
    assert "春节" in page.text and "2026-02-14" in page.text  # a make-up working Saturday
    answer = client.post(
        reverse("core:working_days"),
        {"date": "2026-10-17", "is_workday": "1", "note": "调休上班"},
    )
    assert answer.status_code == 302 and CalendarDay.objects.get().is_workday
    bad = client.post(reverse("core:working_days"), {"date": "2026-02-30", "is_workday": "1"})
    assert bad.status_code == 400 and "date" in bad.context["form"].errors
    clear = reverse("core:working_day_clear", args=["2026-10-17"])
    assert client.post(clear).status_code == 302 and not CalendarDay.objects.exists()
    assert client.post(reverse("core:working_day_clear", args=["2026-13-45"])).status_code == 404


def test_the_page_is_the_operators(client_of, provider_admin):
    assert client_of(provider_admin).get(reverse("core:working_days")).status_code == 403

"""Reads of the core app: the audit trail, the operator's mail and overview."""

from datetime import date

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.translation import get_language

from labshare.core import clock
from labshare.core.models import AuditEvent, CalendarDay, OutgoingMail
from labshare.core.workdays import library_year


def audit_events(organization_id: int | None, filters: dict) -> QuerySet:
    """The audit trail, newest first: one organisation's (events on its objects and events by
    its people), or every organisation's when organization_id is None."""
    events = AuditEvent.objects.select_related("actor").order_by("-created_at", "-id")
    if organization_id is not None:
        events = events.filter(
            Q(organization_id=organization_id) | Q(actor_organization_id=organization_id)
        )
    if filters.get("organization"):
        events = events.filter(organization_id=filters["organization"].pk)
    if filters.get("verb"):
        events = events.filter(verb__startswith=filters["verb"])
    if filters.get("channel"):
        events = events.filter(channel=filters["channel"])
    if filters.get("actor"):
        events = events.filter(actor__username=filters["actor"])
    if filters.get("since"):
        events = events.filter(created_at__date__gte=filters["since"])
    if filters.get("until"):
        events = events.filter(created_at__date__lte=filters["until"])
    return events


def organization_names(events) -> dict[int, str]:
    """Names of the organisations a page of events mentions, in one query."""
    ids = {e.organization_id for e in events} | {e.actor_organization_id for e in events}
    ids.discard(None)
    organization = apps.get_model("accounts", "Organization")
    return dict(organization.objects.filter(pk__in=ids).values_list("pk", "name"))


def mail_for_operator(status: str) -> QuerySet:
    """E-mail by status, newest first: given up (the default view), waiting, or sent."""
    return OutgoingMail.objects.filter(status=status).order_by("-created_at", "-id")


def operator_overview() -> dict:
    """What waits for the operator and the platform's size, in a handful of counts."""
    organization = apps.get_model("accounts", "Organization")
    instrument = apps.get_model("catalog", "Instrument")
    reservation = apps.get_model("booking", "Reservation")
    now = clock.now()
    return {
        "pending_providers": apps.get_model("accounts", "ProviderApplication")
        .objects.filter(status="pending")
        .count(),
        "failed_mail": OutgoingMail.objects.filter(status=OutgoingMail.Status.FAILED).count(),
        "providers": organization.objects.filter(is_provider=True).count(),
        "customers": organization.objects.filter(is_customer=True, is_provider=False).count(),
        "published_instruments": instrument.objects.filter(
            is_published=True, retired_at__isnull=True
        ).count(),
        "coming_reservations": reservation.objects.filter(
            status__in=reservation.ACTIVE, start__gte=now
        ).count(),
        "recent_events": list(
            AuditEvent.objects.select_related("actor").order_by("-created_at", "-id")[:10]
        ),
    }


def calendar_year(year: int) -> dict:
    """One year's calendar as the deadlines count it: the library's days off and make-up working
    days, and the operator's entries, which win."""
    language = "zh_CN" if (get_language() or "").startswith("zh") else "en_US"
    days_off, worked = library_year(year, language)
    entries = list(CalendarDay.objects.filter(date__year=year))
    declared = {entry.date for entry in entries}
    library = sorted(
        [(day, False, name) for day, name in days_off.items() if day.weekday() < 5]
        + [(day, True, "") for day in worked],
    )
    return {
        "year": year,
        "entries": entries,
        "library": [
            {"date": day, "is_workday": workday, "name": name, "overridden": day in declared}
            for day, workday, name in library
        ],
        "today": clock.today(),
        "first": date(year, 1, 1),
    }


def calendar_entry(day: str):
    """The operator's entry for a date written YYYY-MM-DD, or None."""
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        return None
    return CalendarDay.objects.filter(date=parsed).first()

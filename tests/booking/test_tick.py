import io

from django.core.management import call_command

from labshare.booking import services
from labshare.core.models import Notification
from tests.booking.conftest import at


def tick() -> str:
    out = io.StringIO()
    call_command("tick", stdout=out)
    return out.getvalue()


def test_tick_twice_sends_each_reminder_once(
    instrument, technician, sme_member, sme_org, now, mailoutbox, django_capture_on_commit_callbacks
):
    soon = services.approve_reservation(
        technician,
        services.request_reservation(sme_member, instrument, sme_org, at(3, 9), at(3, 10)),
    )
    later = services.approve_reservation(
        technician,
        services.request_reservation(sme_member, instrument, sme_org, at(5, 9), at(5, 10)),
    )
    services.request_reservation(sme_member, instrument, sme_org, at(3, 11), at(3, 12))  # pending
    now(at(2, 10))
    with django_capture_on_commit_callbacks(execute=True):
        assert "reminders sent: 1" in tick()
        assert "reminders sent: 0" in tick()
    reminders = Notification.objects.filter(verb="reservation.reminder")
    assert [n.user for n in reminders] == [sme_member]
    assert len([m for m in mailoutbox if "提醒" in m.subject or "Reminder" in m.subject]) == 1
    soon.refresh_from_db()
    assert soon.reminder_sent_at is not None
    now(at(4, 10))
    with django_capture_on_commit_callbacks(execute=True):
        assert "reminders sent: 1" in tick()
    later.refresh_from_db()
    assert later.reminder_sent_at is not None


def test_cancelled_reservations_get_no_reminder(instrument, technician, sme_member, sme_org, now):
    reservation = services.approve_reservation(
        technician,
        services.request_reservation(sme_member, instrument, sme_org, at(3, 9), at(3, 10)),
    )
    services.cancel_reservation(technician, reservation, "设备故障")
    now(at(2, 12))
    assert "reminders sent: 0" in tick()

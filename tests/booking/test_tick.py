import io

from django.core.management import call_command

from labshare.booking import services
from labshare.core.models import Notification
from tests.booking.conftest import at
from tests.factories import act


def tick() -> str:
    out = io.StringIO()
    call_command("tick", stdout=out)
    return out.getvalue()


def test_tick_twice_sends_each_reminder_once(
    instrument, technician, sme_member, sme_org, now, mailoutbox, django_capture_on_commit_callbacks
):
    soon = services.approve_reservation(
        act(technician),
        services.request_reservation(act(sme_member), instrument, sme_org, at(3, 9), at(3, 10)),
    )
    later = services.approve_reservation(
        act(technician),
        services.request_reservation(act(sme_member), instrument, sme_org, at(5, 9), at(5, 10)),
    )
    services.request_reservation(
        act(sme_member), instrument, sme_org, at(3, 11), at(3, 12)
    )  # pending
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
        act(technician),
        services.request_reservation(act(sme_member), instrument, sme_org, at(3, 9), at(3, 10)),
    )
    services.cancel_reservation(act(technician), reservation, "设备故障")
    now(at(2, 12))
    assert "reminders sent: 0" in tick()


def test_one_failing_reminder_does_not_stop_the_others_and_is_tried_again(
    instrument, technician, sme_member, sme_org, now, monkeypatch
):
    from labshare.booking import notifications

    first, second = (
        services.approve_reservation(
            act(technician),
            services.request_reservation(
                act(sme_member), instrument, sme_org, at(3, h), at(3, h + 1)
            ),
        )
        for h in (8, 9)
    )
    real_reminder = notifications.reminder

    def fails_for_first(reservation):
        if reservation.pk == first.pk:
            raise RuntimeError("cannot write the notice")
        real_reminder(reservation)

    monkeypatch.setattr(notifications, "reminder", fails_for_first)
    now(at(2, 10))
    assert "reminders sent: 1" in tick()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.reminder_sent_at is None and second.reminder_sent_at is not None
    monkeypatch.setattr(notifications, "reminder", real_reminder)
    assert "reminders sent: 1" in tick()
    assert Notification.objects.filter(verb="reservation.reminder").count() == 2

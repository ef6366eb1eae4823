"""Every write of the booking app: schedules, qualifications and training, reservations and
usage."""

from labshare.booking.services.qualifications import grant_qualification, revoke_qualification
from labshare.booking.services.reminders import send_due_reminders
from labshare.booking.services.reservations import (
    approve_reservation,
    cancel_reservation,
    check_in,
    check_out,
    mark_no_show,
    reject_reservation,
    request_reservation,
)
from labshare.booking.services.satisfaction import rate_reservation
from labshare.booking.services.schedule import (
    add_blackout,
    add_extra_opening,
    add_weekly_window,
    remove_blackout,
    remove_extra_opening,
    remove_weekly_window,
    update_booking_rules,
)
from labshare.booking.services.training import (
    complete_training,
    decline_training,
    request_training,
    schedule_training,
)
from labshare.booking.services.usage import record_usage

__all__ = [
    "add_blackout",
    "add_extra_opening",
    "add_weekly_window",
    "approve_reservation",
    "cancel_reservation",
    "check_in",
    "check_out",
    "complete_training",
    "decline_training",
    "grant_qualification",
    "mark_no_show",
    "rate_reservation",
    "record_usage",
    "reject_reservation",
    "remove_blackout",
    "remove_extra_opening",
    "remove_weekly_window",
    "request_reservation",
    "request_training",
    "revoke_qualification",
    "schedule_training",
    "send_due_reminders",
    "update_booking_rules",
]

from django.urls import path

from labshare.booking.views import console, customer, public, schedule, training

app_name = "booking"
urlpatterns = [
    # Everybody: an instrument's week (htmx moves between weeks).
    path("instruments/<int:pk>/calendar/", public.instrument_calendar, name="instrument_calendar"),
    # Customers.
    path("instruments/<int:pk>/book/", customer.reservation_new, name="reservation_new"),
    path("instruments/<int:pk>/training/", training.training_request, name="training_request"),
    path("reservations/", customer.my_reservations, name="my_reservations"),
    path("reservations/<int:pk>/", customer.reservation_detail, name="reservation_detail"),
    path("reservations/<int:pk>/cancel/", customer.reservation_cancel, name="reservation_cancel"),
    path("reservations/<int:pk>/rate/", customer.reservation_rate, name="reservation_rate"),
    # Provider staff.
    path("console/approvals/", console.approval_queue, name="approval_queue"),
    path("console/calendar/", console.provider_calendar, name="provider_calendar"),
    path("console/today/", console.staff_today, name="staff_today"),
    path(
        "console/reservations/<int:pk>/approve/",
        console.reservation_approve,
        name="reservation_approve",
    ),
    path(
        "console/reservations/<int:pk>/reject/",
        console.reservation_reject,
        name="reservation_reject",
    ),
    path(
        "console/reservations/<int:pk>/staff-cancel/",
        console.reservation_staff_cancel,
        name="reservation_staff_cancel",
    ),
    path(
        "console/reservations/<int:pk>/check-in/",
        console.reservation_check_in,
        name="reservation_check_in",
    ),
    path(
        "console/reservations/<int:pk>/check-out/",
        console.reservation_check_out,
        name="reservation_check_out",
    ),
    path(
        "console/reservations/<int:pk>/no-show/",
        console.reservation_no_show,
        name="reservation_no_show",
    ),
    path("console/usage/new/", console.usage_new, name="usage_new"),
    path("console/training/", training.training_requests, name="training_requests"),
    path(
        "console/training/<int:pk>/schedule/",
        training.training_schedule,
        name="training_schedule",
    ),
    path(
        "console/training/<int:pk>/complete/",
        training.training_complete,
        name="training_complete",
    ),
    path("console/training/<int:pk>/decline/", training.training_decline, name="training_decline"),
    # Provider staff: an instrument's schedule, rules and qualified users.
    path(
        "console/instruments/<int:pk>/schedule/",
        schedule.instrument_schedule,
        name="instrument_schedule",
    ),
    path("console/instruments/<int:pk>/rules/", schedule.rules_update, name="rules_update"),
    path("console/instruments/<int:pk>/windows/", schedule.window_add, name="window_add"),
    path(
        "console/instruments/<int:pk>/windows/<int:item_pk>/delete/",
        schedule.window_delete,
        name="window_delete",
    ),
    path("console/instruments/<int:pk>/openings/", schedule.opening_add, name="opening_add"),
    path(
        "console/instruments/<int:pk>/openings/<int:item_pk>/delete/",
        schedule.opening_delete,
        name="opening_delete",
    ),
    path("console/instruments/<int:pk>/blackouts/", schedule.blackout_add, name="blackout_add"),
    path(
        "console/instruments/<int:pk>/blackouts/<int:item_pk>/delete/",
        schedule.blackout_delete,
        name="blackout_delete",
    ),
    path(
        "console/instruments/<int:pk>/qualifications/",
        schedule.qualification_list,
        name="qualification_list",
    ),
    path(
        "console/instruments/<int:pk>/qualifications/<int:item_pk>/revoke/",
        schedule.qualification_revoke,
        name="qualification_revoke",
    ),
]

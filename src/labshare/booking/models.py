from datetime import time
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from labshare.accounts.models import Organization
from labshare.catalog.models import Instrument
from labshare.core import clock


class BookingRules(models.Model):
    """How an instrument may be booked. Created with these defaults the first time it is needed."""

    instrument = models.OneToOneField(
        Instrument, on_delete=models.CASCADE, related_name="booking_rules", primary_key=True
    )
    granularity_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
        help_text=_("Reservations start and end on multiples of this."),
    )
    min_duration_minutes = models.PositiveIntegerField(
        _("shortest reservation (minutes)"), default=30, validators=[MinValueValidator(5)]
    )
    max_duration_minutes = models.PositiveIntegerField(
        _("longest reservation (minutes)"), default=8 * 60, validators=[MinValueValidator(5)]
    )
    lead_time_minutes = models.PositiveIntegerField(
        _("book at least this long ahead (minutes)"), default=60
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("book at most this many days ahead"), default=60, validators=[MinValueValidator(1)]
    )
    approval_required = models.BooleanField(_("requests need approval"), default=True)
    cancellation_deadline_hours = models.PositiveSmallIntegerField(
        _("customers cancel at least this many hours before the start"), default=24
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("booking rules")
        verbose_name_plural = _("booking rules")

    def __str__(self) -> str:
        return str(self.instrument)


class WeeklyWindow(models.Model):
    """A weekly recurring opening, e.g. every Monday 08:30–17:30 from March to December.

    An end time of 00:00 means midnight at the end of the day, so windows on consecutive days
    join into overnight and multi-day open time.

    Change windows only through the schedule services: they renew the instrument's
    schedule_version, under which every process keeps the windows in memory.
    """

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="weekly_windows"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"), help_text=_("00:00 means midnight at the end of the day."))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("weekly opening")
        verbose_name_plural = _("weekly openings")
        ordering = ["weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")) | Q(end_time=time(0)),
                name="weeklywindow_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class TimeSpan(models.Model):
    """A dated span of an instrument's time: [start, end), aware datetimes stored in UTC."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="+")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.instrument} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"


class ExtraOpening(TimeSpan):
    """A dated opening beyond the weekly windows (a weekend session, an evening)."""

    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta(TimeSpan.Meta):
        verbose_name = _("extra opening")
        verbose_name_plural = _("extra openings")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="extraopening_positive"
            ),
        ]
        indexes = [models.Index(fields=["instrument", "start"], name="extraopening_lookup")]


class Blackout(TimeSpan):
    """Time closed to bookings: maintenance, calibration, internal use."""

    reason = models.CharField(_("reason"), max_length=200)

    class Meta(TimeSpan.Meta):
        verbose_name = _("blackout")
        verbose_name_plural = _("blackouts")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="blackout_positive"
            ),
        ]
        indexes = [models.Index(fields=["instrument", "start"], name="blackout_lookup")]


class Qualification(models.Model):
    """Provider staff certify that a user may operate an instrument alone (上机资格)."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="qualifications"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="qualifications"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "user"],
                condition=Q(revoked_at__isnull=True),
                name="qualification_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.instrument}"

    def is_valid_on(self, day) -> bool:
        return self.revoked_at is None and (self.expires_on is None or self.expires_on >= day)


# The longest effective time one check-out may record: a day; more is a typing mistake.
MAX_EFFECTIVE_MINUTES = 24 * 60


def elapsed_minutes(start, end) -> int:
    return round((end - start).total_seconds() / 60)


class Reservation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        CONFIRMED = "confirmed", _("Confirmed")
        IN_USE = "in_use", _("In use")
        COMPLETED = "completed", _("Completed")
        REJECTED = "rejected", _("Rejected")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("No-show")

    # Active reservations hold their time: no two of one instrument may overlap. The database's
    # no-overlap rule (migration 0002) names the same statuses; a test reads it back and compares,
    # so a change here needs a migration that replaces the rule.
    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.IN_USE)
    # The state machine, written down once: status → statuses it may move to.
    TRANSITIONS = {
        Status.PENDING: {Status.CONFIRMED, Status.REJECTED, Status.CANCELLED},
        Status.CONFIRMED: {Status.IN_USE, Status.CANCELLED, Status.NO_SHOW},
        Status.IN_USE: {Status.COMPLETED},
        Status.COMPLETED: set(),
        Status.REJECTED: set(),
        Status.CANCELLED: set(),
        Status.NO_SHOW: set(),
    }

    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        on_delete=models.PROTECT,
        related_name="reservations",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("booking organization"),
        on_delete=models.PROTECT,
        related_name="reservations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    # What the national service record asks of the user (catalog/user_profile.py).
    funding_source = models.CharField(_("funding source"), max_length=20, blank=True)
    subject_areas = models.JSONField(_("subject areas"), default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_note = models.CharField(_("note on the decision"), max_length=200, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="reservation_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["instrument", "start"], name="reservation_instrument_start"),
            models.Index(fields=["organization", "start"], name="reservation_org_start"),
            models.Index(fields=["status", "start"], name="reservation_status_start"),
            models.Index(fields=["start"], name="reservation_start"),  # the district's figures
            # Which summarised months changed since (insights/summary.py), and what overlaps
            # the current month (ends after its start), read from the records.
            models.Index(fields=["updated_at"], name="reservation_updated"),
            models.Index(fields=["end"], name="reservation_end"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def minutes_in_use(self) -> int:
        """Minutes since the check-in (what check-out records unless staff correct it)."""
        if self.checked_in_at is None:
            return 0
        return max(1, elapsed_minutes(self.checked_in_at, clock.now()))

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.Status(self.status)]


class UsageRecord(models.Model):
    """有效机时: time an instrument really worked, the basis of billing and assessment."""

    class Source(models.TextChoices):
        CHECKOUT = "checkout", _("Check-out")
        STAFF = "staff", _("Entered by staff")

    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        on_delete=models.PROTECT,
        related_name="usage_records",
    )
    reservation = models.OneToOneField(
        Reservation,
        verbose_name=_("reservation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="usage",
    )
    user_organization = models.ForeignKey(
        Organization,
        verbose_name=_("user organization"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("operator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    is_outside = models.BooleanField(
        _("outside user"), help_text=_("Counts as outside-service hours (对外服务机时).")
    )
    source = models.CharField(
        pgettext_lazy("usage record", "source"), max_length=10, choices=Source.choices
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    # Staff may correct the effective time at check-out (preparation before check-in, idle time
    # to leave out); the elapsed time stays in start/end, the reason in the record and the audit.
    effective_minutes = models.PositiveIntegerField(_("effective minutes"), null=True, blank=True)
    adjustment_reason = models.CharField(_("reason for the correction"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("usage record")
        verbose_name_plural = _("usage records")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="usage_positive"),
        ]
        indexes = [
            models.Index(fields=["instrument", "start"], name="usage_instrument_start"),
            # The district's figures of a period read every instrument's records by time.
            models.Index(fields=["start"], name="usage_start"),
            models.Index(fields=["created_at"], name="usage_created"),  # insights/summary.py
            models.Index(fields=["end"], name="usage_end"),  # insights/monthly.py
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def audit_organization_id(self) -> int:
        """Usage is the provider's record, whoever used the instrument."""
        return self.instrument.organization_id

    @property
    def elapsed_hours(self) -> Decimal:
        return (Decimal((self.end - self.start).total_seconds()) / Decimal(3600)).quantize(
            Decimal("0.01")
        )

    @property
    def hours(self) -> Decimal:
        """有效机时: the corrected time where staff corrected it, else the elapsed time."""
        if self.effective_minutes is None:
            return self.elapsed_hours
        return (Decimal(self.effective_minutes) / Decimal(60)).quantize(Decimal("0.01"))


class TrainingRequest(models.Model):
    """A user asks to be trained on a self-operated instrument; the provider's staff set a date
    and, once trained, turn the request into a qualification (上机培训申请)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        SCHEDULED = "scheduled", _("Training date set")
        COMPLETED = "completed", _("Trained and qualified")
        DECLINED = "declined", _("Declined")

    OPEN = (Status.REQUESTED, Status.SCHEDULED)

    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        on_delete=models.CASCADE,
        related_name="training_requests",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="training_requests",
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    scheduled_for = models.DateTimeField(_("training date"), null=True, blank=True)
    staff_note = models.CharField(_("note from the provider"), max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("training request")
        verbose_name_plural = _("training requests")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "user"],
                condition=Q(status__in=["requested", "scheduled"]),
                name="training_request_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.instrument} ({self.get_status_display()})"

    @property
    def audit_organization_id(self) -> int:
        return self.instrument.organization_id


class Satisfaction(models.Model):
    """The user's five-level satisfaction with a completed reservation, and a comment: what the
    national service record asks of every instrument job (insights/assessment.py). Once per
    reservation, by a member of the booking organization."""

    reservation = models.OneToOneField(
        Reservation, on_delete=models.CASCADE, primary_key=True, related_name="satisfaction"
    )
    rating = models.PositiveSmallIntegerField(
        _("satisfaction"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.CharField(_("comment"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("rated"))

    class Meta:
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="satisfaction_one_to_five"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reservation_id}: {self.rating}/5"

    @property
    def audit_organization_id(self) -> int:
        return self.reservation.organization_id

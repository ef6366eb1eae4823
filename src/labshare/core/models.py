from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from labshare.core.actors import Channel, Kind


class AuditEvent(models.Model):
    """One line of the audit log: who did what to which object, how they came in, and with which
    data. Organisations are kept as plain ids: the log outlives what it describes."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_kind = models.CharField(
        _("actor kind"), max_length=10, choices=Kind.choices, default=Kind.SYSTEM
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.COMMAND
    )
    token_id = models.BigIntegerField(_("API token"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    # The organisation whose object changed, and the one the actor worked for.
    organization_id = models.BigIntegerField(_("organization"), null=True, blank=True)
    actor_organization_id = models.BigIntegerField(_("actor's organization"), null=True, blank=True)
    verb = models.CharField(_("action"), max_length=64, db_index=True)
    target_type = models.CharField(_("object type"), max_length=64)
    target_id = models.CharField(_("object id"), max_length=64)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["organization_id", "-created_at"], name="audit_by_organization"),
            models.Index(
                fields=["actor_organization_id", "-created_at"], name="audit_by_actor_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.verb} {self.target_repr}"


class Notification(models.Model):
    """An in-app message to one user; the same text is e-mailed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    verb = models.CharField(max_length=40)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title


class OutgoingMail(models.Model):
    """One e-mail on its way: written with the change that caused it, sent by the worker,
    retried with growing pauses when the mail server refuses, and kept for the operator."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Gave up")

    verb = models.CharField(max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    address = models.EmailField(_("address"))
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="mail_due")]

    def __str__(self) -> str:
        return f"{self.address}: {self.subject}"


class Counter(models.Model):
    """A named sequence (report numbers per provider and year, sample numbers per provider and
    day): taken under a row lock inside the transaction that uses the number, so a number is
    never given twice and a rolled-back transaction gives its number back (no gaps)."""

    key = models.CharField(max_length=80, primary_key=True)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class CalendarDay(models.Model):
    """The operator's word on one date, which wins over the holiday library: each year's days off
    and make-up working days (调休) are announced late, and libraries lag behind."""

    date = models.DateField(_("date"), primary_key=True)
    is_workday = models.BooleanField(_("working day"))
    note = models.CharField(_("note"), max_length=60, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.note}"

from django.core.management.base import BaseCommand

from labshare.booking.services import send_due_reminders
from labshare.core import periodic
from labshare.core.actors import Channel, system_actor
from labshare.core.mail import requeue_stalled_mail


class Command(BaseCommand):
    help = (
        "Periodic work for cron (every few minutes): reminders 24 h before reservations, mail "
        "the worker lost handed to it again, and what the apps registered (core/periodic.py: "
        "the monthly summary of the dashboards). Idempotent."
    )

    def handle(self, *args, **options):
        sent = send_due_reminders(system_actor(Channel.COMMAND))
        self.stdout.write(f"reminders sent: {sent}")
        self.stdout.write(f"stalled mail queued again: {requeue_stalled_mail()}")
        for label, job in periodic.jobs():
            self.stdout.write(f"{label}: {job()}")

from django.core.management.base import BaseCommand

from labshare.booking.services import send_due_reminders


class Command(BaseCommand):
    help = "Periodic work for cron (every few minutes): reminders 24 h before reservations. Idempotent."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"reminders sent: {sent}")

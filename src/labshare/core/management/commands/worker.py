"""`labshare worker`: run the background tasks (imports, mail) of the database task backend."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


class Command(BaseCommand):
    help = "Run background tasks: imports, e-mail. Run one or more beside the web server."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help="Run what is queued now, then stop."
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks at an empty queue."
        )

    def handle(self, *args, batch: bool, interval: float, **options):
        backend = settings.TASKS["default"]["BACKEND"]
        if backend != DATABASE_BACKEND:
            raise CommandError(
                f"TASKS_BACKEND is {backend}; run that backend's own worker instead."
            )
        worker_options = {"interval": interval, "reload": False, "startup_delay": not batch}
        if batch:
            worker_options["batch"] = True
        call_command("db_worker", verbosity=options["verbosity"], **worker_options)

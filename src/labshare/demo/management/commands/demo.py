import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from labshare.demo.loader import (
    DEMO_PASSWORD,
    demo_accounts,
    holds_real_data,
    is_loaded,
    load_demo,
)


class Command(BaseCommand):
    help = "Migrate the database, load the demo district once, print the demo accounts and serve."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=int, default=8000, help="Port to serve on (default 8000)."
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare the database and stop."
        )

    def handle(self, *args, port: int, no_serve: bool, **options):
        if "SITE_URL" not in os.environ:
            # Links in mails point where this demo is served, port included.
            settings.SITE_URL = f"http://127.0.0.1:{port}"
            os.environ["SITE_URL"] = settings.SITE_URL  # and the worker's
        call_command("migrate", interactive=False, verbosity=0)
        if holds_real_data():
            # Demo accounts share one published password: never add them to real data.
            raise CommandError(
                "This database holds organizations that are not demo data; "
                "run the demo against its own database (the default SQLite file under ./var/)."
            )
        if is_loaded():
            self.stdout.write("The demo district is already loaded.")
        else:
            self.stdout.write("Loading the demo district (about a minute) …")
            load_demo(progress=self._progress)
        self.stdout.write(
            self.style.SUCCESS("Demo accounts (password for all: %s):" % DEMO_PASSWORD)
        )
        for account in demo_accounts():
            self.stdout.write(f"  {account.username:<16} {account.role:<7} {account.organization}")
            self.stdout.write(f"  {'':<16} {account.explanation}")
        if not no_serve:
            self.stdout.write(f"Serving on http://127.0.0.1:{port}/ (Ctrl+C stops)")
            # Imports and mail run as background tasks: one worker beside the web server.
            worker = subprocess.Popen(  # noqa: S603 (our own command, no user input)
                [sys.executable, "-m", "labshare.cli", "worker"], env=os.environ.copy()
            )
            try:
                call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
            finally:
                worker.terminate()
                worker.wait(timeout=10)

    def _progress(self, step: str, done: int, total: int) -> None:
        self.stdout.write(f"  {step}: {done}/{total}")

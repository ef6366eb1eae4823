"""`labshare serve`: the production web server (gunicorn) with settings that suit the platform.

Workers: two per core plus one. Timeout 30 s: no request does long work (imports and other long
jobs run in `labshare worker`), so a request still running after 30 s is stuck and is restarted.
"""

import os
import shutil
import sys

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve the platform with gunicorn (production)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
        parser.add_argument("--timeout", type=int, default=30)

    def handle(self, *args, bind: str, workers: int, timeout: int, **options):
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which(
            "gunicorn"
        )
        if gunicorn is None:
            raise CommandError("gunicorn is not installed: pip install gunicorn")
        argv = [
            gunicorn,
            "labshare.wsgi:application",
            f"--bind={bind}",
            f"--workers={workers}",
            f"--timeout={timeout}",
            "--graceful-timeout=30",
            "--max-requests=2000",
            "--max-requests-jitter=200",
            "--access-logfile=-",
        ]
        self.stdout.write(" ".join(argv))
        sys.stdout.flush()
        os.execv(gunicorn, argv)  # noqa: S606 (replaces this process with the server)

"""The `labshare` command: Django's manage.py, plus `demo`, `bench`, `worker` and `serve`."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else ""
    if command == "demo":
        # The demo runs on a developer's machine: serve static files and allow a dev key.
        os.environ.setdefault("DEBUG", "1")
    if command in ("demo", "bench"):
        os.environ.setdefault("LABSHARE_TOOLS", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labshare.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()

import json

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run a benchmark against the configured database and print its numbers as JSON."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subject", required=True)
        catalog = sub.add_parser(
            "catalog", help="Keyword search and list pages on a large catalogue."
        )
        catalog.add_argument("--instruments", type=int, default=150_000)
        catalog.add_argument("--repeat", type=int, default=20, help="Timed runs per query.")

    def handle(self, *args, subject: str, **options):
        if subject == "catalog":
            from labshare.bench import catalog

            if options["instruments"] < 1:
                raise CommandError("--instruments must be at least 1.")
            result = catalog.run(options["instruments"], options["repeat"], self.stderr.write)
        else:  # pragma: no cover - argparse refuses other subjects
            raise CommandError(f"Unknown benchmark {subject!r}.")
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))

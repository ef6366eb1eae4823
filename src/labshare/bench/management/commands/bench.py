import json
from pathlib import Path

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
        catalog.add_argument(
            "--reservations",
            type=int,
            default=1_000_000,
            help="Reservations spread over the synthetic instruments (availability search).",
        )
        booking = sub.add_parser("booking", help="Concurrent clients racing for overlapping slots.")
        booking.add_argument("--clients", type=int, default=16)
        booking.add_argument("--attempts", type=int, default=3000)
        booking.add_argument(
            "--history",
            type=int,
            default=10_000,
            help="Reservations on the instrument whose free time is timed.",
        )

        report = sub.add_parser("report", help="Test reports issued: number, PDF, storage.")
        report.add_argument("--reports", type=int, default=30)
        report.add_argument("--samples", type=int, default=3, help="Samples per order.")

        search = sub.add_parser("search", help="Relevance of need-based search (recall@5, MRR).")
        search.add_argument("--needs", type=Path, required=True, help="TSV: need, expected.")

        billing = sub.add_parser("billing", help="A month of charges billed, a quarter settled.")
        billing.add_argument("--charges", type=int, default=200_000)

        insights = sub.add_parser(
            "insights", help="A synthetic year: dashboards and the assessment export timed."
        )
        insights.add_argument("--reservations", type=int, default=2_000_000)
        insights.add_argument("--repeat", type=int, default=10, help="Timed runs per dashboard.")

        cooperation = sub.add_parser(
            "cooperation", help="Needs posted and matched, the needs board, matched needs."
        )
        cooperation.add_argument("--instruments", type=int, default=5000)
        cooperation.add_argument("--needs", type=int, default=1000)
        cooperation.add_argument("--repeat", type=int, default=10)

        imports = sub.add_parser("import", help="A large spreadsheet imported by the worker.")
        imports.add_argument("--rows", type=int, default=5000)

    def handle(self, *args, subject: str, **options):
        from labshare.demo.loader import holds_real_data

        if holds_real_data():
            raise CommandError(
                "This database holds real organizations; benchmarks write synthetic data, "
                "so run them against a scratch database (DATABASE_URL=…)."
            )
        if subject == "catalog":
            from labshare.bench import catalog

            if options["instruments"] < 1:
                raise CommandError("--instruments must be at least 1.")
            if options["reservations"] < 0:
                raise CommandError("--reservations cannot be negative.")
            result = catalog.run(
                options["instruments"],
                options["repeat"],
                self.stderr.write,
                options["reservations"],
            )
        elif subject == "booking":
            from labshare.bench import booking

            if options["clients"] < 1 or options["attempts"] < options["clients"]:
                raise CommandError("Need at least 1 client and at least one attempt per client.")
            if options["history"] < 0:
                raise CommandError("--history cannot be negative.")
            result = booking.run(
                options["clients"], options["attempts"], self.stderr.write, options["history"]
            )
        elif subject == "search":
            from labshare.bench import search

            result = search.run(options["needs"], self.stderr.write)
        elif subject == "import":
            from labshare.bench import imports

            if not 1 <= options["rows"] <= 5000:
                raise CommandError("--rows must be between 1 and 5000 (the import's limit).")
            result = imports.run(options["rows"], self.stderr.write)
        elif subject == "billing":
            from labshare.bench import billing

            if not 1 <= options["charges"] <= 5_000_000:
                raise CommandError("--charges must be 1 to 5,000,000.")
            result = billing.run(options["charges"], self.stderr.write)
        elif subject == "insights":
            from labshare.bench import insights

            if not 400 <= options["reservations"] <= 10_000_000 or options["repeat"] < 1:
                raise CommandError("--reservations must be 400 to 10,000,000, --repeat at least 1.")
            result = insights.run(options["reservations"], options["repeat"], self.stderr.write)
        elif subject == "cooperation":
            from labshare.bench import cooperation

            if options["instruments"] < 1 or not 1 <= options["needs"] <= 100_000:
                raise CommandError("--instruments must be at least 1, --needs 1 to 100,000.")
            if options["repeat"] < 1:
                raise CommandError("--repeat must be at least 1.")
            result = cooperation.run(
                options["instruments"], options["needs"], options["repeat"], self.stderr.write
            )
        elif subject == "report":
            from labshare.bench import reports

            if not 1 <= options["reports"] <= 1000 or not 1 <= options["samples"] <= 200:
                raise CommandError("--reports must be 1 to 1000 and --samples 1 to 200.")
            result = reports.run(options["reports"], options["samples"], self.stderr.write)
        else:  # pragma: no cover - argparse refuses other subjects
            raise CommandError(f"Unknown benchmark {subject!r}.")
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))

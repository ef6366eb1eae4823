"""Loads the national reference tables shipped in catalog/data/ (copied verbatim from the standards)."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_tsv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def load_reference_data(instrument_class_model, discipline_model) -> None:
    """Create or update every class and discipline; codes and names stay exactly as in the files."""
    rows = read_tsv("instrument_classes.tsv")
    # Parents first: top classes have no parent, middle classes point at top ones.
    rows.sort(key=lambda row: (row["parent"] != "", row["code"]))
    for row in rows:
        instrument_class_model.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "parent_id": row["parent"] or None}
        )
    for row in read_tsv("disciplines.tsv"):
        discipline_model.objects.update_or_create(code=row["code"], defaults={"name": row["name"]})


def template_columns() -> list[dict[str, str]]:
    """The 40 columns of the national import template, in order: column, group, header."""
    return read_tsv("nrii_instrument_template_columns.tsv")

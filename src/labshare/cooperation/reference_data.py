"""Loads the industry fields shipped in cooperation/data/ (the district's 3+3+X system)."""

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "industry_fields.tsv"


def read_fields() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def load_industry_fields(field_model) -> None:
    """Create or update every field, sectors first; a field the operator added stays."""
    rows = read_fields()
    rows.sort(key=lambda row: row["parent"] != "")
    for position, row in enumerate(rows, start=1):
        field_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "parent_id": row["parent"] or None,
                "source": row["source"],
                "position": position * 10,
            },
        )

"""The need thesaurus is reviewed data: every line well formed, every class real."""

from labshare.catalog import thesaurus
from labshare.catalog.reference_data import read_tsv


def test_every_entry_is_well_formed_and_names_real_classes():
    codes = {row["code"] for row in read_tsv("instrument_classes.tsv")}
    rows = read_tsv(thesaurus.FILE)
    assert len(rows) >= 400
    assert len({row["term"].strip().lower() for row in rows}) == len(rows)  # no term twice
    for row in rows:
        assert row["kind"] in thesaurus.KINDS, row
        assert row["source"].strip(), row
        assert set(thesaurus.entries()[row["term"].strip().lower()].classes) <= codes, row


def test_every_top_class_the_demo_uses_is_covered():
    tops = {code[:2] for entry in thesaurus.entries().values() for code in entry.classes}
    assert {"01", "02", "03", "04", "05", "06", "07", "09", "10", "11", "12", "13", "14"} <= tops

"""The zh_Hans catalogue covers every string of the interface, and the compiled file matches it."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import labshare

PACKAGE = Path(labshare.__file__).resolve().parent
CATALOGUE = PACKAGE / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_catalogue_is_complete_and_not_fuzzy():
    po = polib.pofile(str(CATALOGUE))
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries() if entry.msgid] == []


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def test_placeholders_survive_translation():
    po = polib.pofile(str(CATALOGUE))
    for entry in po.translated_entries():
        wanted = set(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            assert set(PLACEHOLDER.findall(translation)) == wanted, entry.msgid


def test_compiled_catalogue_matches_the_source():
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    source = polib.pofile(str(CATALOGUE))
    compiled_entries = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in compiled}
    source_entries = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in source.translated_entries()
    }
    assert compiled_entries == source_entries, "run: cd src/labshare && labshare compilemessages"


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="needs GNU gettext (apt-get install gettext)"
)
def test_every_interface_string_is_in_the_catalogue(tmp_path):
    """Extract the strings afresh from a copy of the code and require a translation for each."""
    copy = tmp_path / "labshare"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "zh_Hans", "--no-wrap"],
        cwd=copy,
        env={"DJANGO_SETTINGS_MODULE": "labshare.settings", "DEBUG": "1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    fresh = polib.pofile(str(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in fresh if not e.obsolete and not e.translated()]
    assert missing == [], "new strings need a zh_Hans translation: run makemessages and translate"

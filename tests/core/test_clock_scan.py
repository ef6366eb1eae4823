"""The current time is read in one place, core.clock, so that tests and replays can set it."""

import re
import sys
from pathlib import Path

import labshare

SOURCE = Path(labshare.__file__).parent
CLOCK = SOURCE / "core" / "clock.py"
# Every way the standard library or Django reads the wall clock for a date or a datetime.
READS_OF_NOW = re.compile(
    r"timezone\.now\(|datetime\.now\(|datetime\.utcnow\(|date\.today\(|datetime\.today\("
    r"|localdate\(\)|localtime\(\)"
)


def reads_of_now_outside_clock() -> list[str]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path == CLOCK:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if READS_OF_NOW.search(line):
                found.append(f"{path.relative_to(SOURCE)}:{number}: {line.strip()}")
    return found


def test_only_core_clock_reads_the_current_time():
    assert reads_of_now_outside_clock() == []


def test_the_scan_finds_a_read_of_now(tmp_path, monkeypatch):
    """The scan itself works: a module that reads timezone.now() is reported."""
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "clock.py").write_text("timezone.now()\n")
    (tmp_path / "rogue.py").write_text("stamp = timezone.now()\nday = timezone.localdate()\n")
    module = sys.modules[__name__]
    monkeypatch.setattr(module, "SOURCE", tmp_path)
    monkeypatch.setattr(module, "CLOCK", tmp_path / "core" / "clock.py")
    assert reads_of_now_outside_clock() == [
        "rogue.py:1: stamp = timezone.now()",
        "rogue.py:2: day = timezone.localdate()",
    ]

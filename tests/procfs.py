"""The live processes of this machine, read from /proc (for the tests that stop ingests)."""

from __future__ import annotations

from pathlib import Path


def processes(field: int, value: int) -> set[int]:
    """The live processes whose /proc stat `field` (after the command) is `value`:
    0 the parent, 3 the session."""
    found = set()
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[1 + field]) == value:
            found.add(int(stat_file.parent.name))
    return found

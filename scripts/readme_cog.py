"""What the cog blocks of README.md run: `edumetrics` commands in a scratch folder holding
the bundled samples, their output pasted as a reader would see it in a pipe or a file.

    cog -r README.md         # regenerate the README's outputs (from the repository root)
    cog --check README.md    # fail if they differ (tests/test_readme.py runs this)

The blocks run in order and share one scratch folder (and so its database
`edumetrics.db`), so a block can use what an earlier one stored. Commands run through
Click's CliRunner in this process (one import, fast); a command line that sets an
environment variable runs in a process of its own. What would differ from run to run or
from machine to machine is made stable: the scratch folder's name, timestamps, the time
an ingest took (left out, with a note saying so).
"""

from __future__ import annotations

import atexit
import csv
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner, Result

from extractor.cli import main

ROOT = Path(__file__).resolve().parent.parent

# variables that change what the commands print: another database or data folder, a
# terminal's width, forced colours
UNSET = ("EDUMETRICS_DATABASE_URL", "EDUMETRICS_DATA_DIR", "COLUMNS", "LINES", "FORCE_COLOR",
         "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "PYTHONWARNINGS")
SCRATCH_PREFIX = "edumetrics-readme-"  # under /tmp, so its name is always as long
SCRATCH_SHOWN = "/tmp/" + SCRATCH_PREFIX + "XXXXXXXX"
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d{1,6})?")
TIMESTAMP_SHOWN = "YYYY-MM-DD hh:mm:ss.ffffff"
INGEST_TIMING = re.compile(r"^[\d.]+ MB in [\d.]+ s, [\d.]+ MB/s$")
TIMING_NOTE = "[time taken and the slowest files left out: they change from run to run]"

_scratch: Path | None = None
_last_status = 0


def fresh() -> None:
    """Start again in a new scratch folder (the README's first block calls it, so that a
    second cog run in one process does not see the first one's databases)."""
    global _scratch, _last_status
    _scratch, _last_status = None, 0


def scratch() -> Path:
    """The scratch folder, made on first use: data/samples and data/examples copied in."""
    global _scratch
    if _scratch is None:
        _scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir="/tmp")).resolve()
        assert len(str(_scratch)) == len(SCRATCH_SHOWN), _scratch
        atexit.register(shutil.rmtree, _scratch, ignore_errors=True)
        for folder in ("samples", "examples"):
            shutil.copytree(ROOT / "data" / folder, _scratch / "data" / folder)
    return _scratch


def console(*lines: str | Callable[[], str]) -> str:
    """A ```console block: each command line after `$ `, then what it prints.

    Besides `edumetrics ...` (after optional `NAME=value` assignments, before an optional
    `| head -N` or `> /dev/null`), the lines may be `cat FILE`, `head -N FILE`,
    `cp FILE COPY` and `echo $?`. A line may be a function that makes it when its turn comes (an id that the
    commands before it create)."""
    shown = []
    for line in lines:
        command = line() if callable(line) else line
        shown.append(f"$ {command}\n{run(command)}")
    return "```console\n" + "".join(shown) + "```\n"


def run(line: str) -> str:
    """What a command line prints, made stable; `echo $?` prints the last one's status."""
    global _last_status
    words = shlex.split(line)
    if words == ["echo", "$?"]:
        return f"{_last_status}\n"
    if words[0] in ("cat", "head"):
        return _show_file(words)
    if words[0] == "cp":
        shutil.copyfile(scratch() / words[1], scratch() / words[2])
        return ""
    assignments = {}
    while "=" in words[0]:
        name, value = words.pop(0).split("=", 1)
        assignments[name] = value
    if words[-3:-1] == ["|", "head"]:  # a real pipe, so that the command sees its reader go
        _last_status = 0  # a pipeline's status is head's
        return stable(_head_of_subprocess(words[1:-3], int(words[-1].lstrip("-"))))
    assert words[0] == "edumetrics", line
    if assignments:
        _last_status, output = _in_subprocess(words[1:], assignments)
        return stable(output)
    result = _in_process(words[1:-2] if words[-2:] == [">", "/dev/null"] else words[1:])
    _last_status = result.exit_code
    if words[-2:] == [">", "/dev/null"]:
        return stable(result.stderr)
    return stable(result.output)


def _in_process(args: Sequence[str]) -> Result:
    with working_in(scratch()):
        return CliRunner().invoke(main, list(args), prog_name="edumetrics", env=dict.fromkeys(UNSET),
                                  catch_exceptions=False)


def _in_subprocess(args: Sequence[str], assignments: dict[str, str]) -> tuple[int, str]:
    result = subprocess.run([sys.executable, "-m", "extractor.cli", *args], cwd=scratch(), text=True,
                            env=_environment() | assignments, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, timeout=300)
    return result.returncode, result.stdout


def _head_of_subprocess(args: Sequence[str], lines: int) -> str:
    """The first `lines` lines of a command's standard output, the pipe then closed, and
    its standard error."""
    with subprocess.Popen([sys.executable, "-m", "extractor.cli", *args], cwd=scratch(), text=True,
                          env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        kept = [process.stdout.readline() for _ in range(lines)]
        process.stdout.close()
        errors = process.stderr.read()
        process.wait(timeout=60)
    return "".join(kept) + errors


def _environment() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name not in UNSET}


def _show_file(words: list[str]) -> str:
    lines = (scratch() / words[-1]).read_text(encoding="utf-8").splitlines(keepends=True)
    if words[0] == "head":
        lines = lines[:int(words[1].lstrip("-"))]
    return stable("".join(lines))


@contextmanager
def working_in(folder: Path) -> Iterator[None]:
    """Run the block's commands in `folder` (relative paths, the default database)."""
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def stable(output: str) -> str:
    """Output with what changes between runs and machines replaced: the scratch folder's
    name (by one as long, so tables keep their shape), timestamps (likewise), an
    ingest's timing line, slowest-files table and progress lines (left out, one note
    said instead); and without the spaces that end Rich's lines, which editors strip.

    >>> stable("2026-12-05T08:37:40.221728,x\\n")
    'YYYY-MM-DD hh:mm:ss.ffffff,x\\n'
    """
    if _scratch is not None:
        output = output.replace(str(_scratch), SCRATCH_SHOWN)
    output = TIMESTAMP.sub(lambda found: TIMESTAMP_SHOWN[:len(found.group())], output)
    kept: list[str] = []
    lines = iter(output.splitlines())
    for line in lines:
        if INGEST_TIMING.match(line):
            kept.append(TIMING_NOTE)
        elif line.strip() == "slowest files":
            for rest in lines:  # the table, to its bottom border
                if rest.startswith("└"):
                    break
        elif not line.startswith("progress: "):
            kept.append(line)
    return "".join(f"{line.rstrip()}\n" for line in kept)


def python(script: str, name: str = "notebook.py") -> str:
    """A ```python block of `script` and a ```console block of `python NAME` running it
    (saved as NAME) in the scratch folder, in a process of its own."""
    (scratch() / name).write_text(script, encoding="utf-8")
    result = subprocess.run([sys.executable, name], cwd=scratch(), env=_environment(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    return f"```python\n{script}```\n\n```console\n$ python {name}\n{stable(result.stdout)}```\n"


def write(name: str, text: str, encoding: str = "utf-8") -> None:
    """Put a file into the scratch folder (a report to extract, a data file)."""
    path = scratch() / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)


def query_value(sql: str, db: str = "edumetrics.db") -> str:
    """The first cell of a read-only query's CSV output (a claim id for the next command)."""
    result = _in_process(["query", sql, "--db", db, "--format", "csv"])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[1]


def fill_queue(exported: str, filled: str, values: Sequence[tuple[str, str, str]]) -> None:
    """The exported placeholder queue `exported` (CSV) filled in and saved as Chinese Excel
    saves it (GB18030, CRLF): for each (value_unit, value, source), the first open row
    whose token is in that unit gets the value and the source."""
    with open(scratch() / exported, encoding="utf-8-sig", newline="") as source:
        rows = list(csv.DictReader(source))
    for unit, value, origin in values:
        row = next(r for r in rows if r["value_unit"] == unit and not r["value"])
        row["value"], row["source"] = value, origin
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    (scratch() / filled).write_bytes(text.getvalue().encode("gb18030"))


def odd_folder(name: str) -> None:
    """A folder of what a province's archive holds besides clean reports: names in GBK
    (under a false UTF-8 flag, in a tar, on disk with a byte 0xFF), a name that would
    clear the terminal, a legacy .doc, a path traversal and a decompression bomb in a
    zip, a scanned PDF, a binary file, a FIFO, a dangling link and a link out of the
    folder."""
    sys.path.insert(0, str(ROOT / "tests"))  # the builders the tests use
    from odd_names import report, tar_with_raw_names, zip_with_raw_names
    from pypdf import PdfWriter

    folder = scratch() / name
    (folder / "elsewhere").mkdir(parents=True)
    zip_with_raw_names(folder / "winrar.zip", [("2019年工作总结.txt".encode("gbk"), report(1)),
                                               ("2020年工作计划.txt".encode("gbk"), report(2))],
                       utf8_flag=True)
    tar_with_raw_names(folder / "old-linux.tar", [("教育局总结.txt".encode("gbk"), report(3))])
    with open(os.path.join(os.fsencode(folder), b"report\xff.txt"), "wb") as odd:
        odd.write(report(4))
    (folder / "old-summary.doc").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(508))
    with zipfile.ZipFile(folder / "suspicious.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("../../etc/cron.d/x.txt", "* * * * * root sh /tmp/x\n")
        archive.writestr("bomb.txt", bytes(4 * 1024 * 1024))
    with zipfile.ZipFile(folder / "names.zip", "w") as archive:
        archive.writestr("\x1b[2J\x1b]0;pwned\x07.doc", b"")
    scan = PdfWriter()
    scan.add_blank_page(595, 842)
    scan.write(folder / "scan.pdf")
    (folder / "bad.txt").write_bytes(b"\x00\x01binary\x00" * 64)
    os.mkfifo(folder / "pipe.txt")
    (folder / "dangling.txt").symlink_to("gone.txt")
    (folder / "elsewhere").rename(scratch() / "elsewhere")
    (scratch() / "elsewhere" / "secret.txt").write_text("机密\n", encoding="utf-8")
    (folder / "secret.txt").symlink_to(scratch() / "elsewhere" / "secret.txt")


def mend(name: str) -> None:
    """Replace a file of the scratch folder with a readable report (a fixed file)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from odd_names import report

    (scratch() / name).write_bytes(report(5))


def data_copy(folder: str, name: str, old: str, new: str) -> None:
    """A copy of the packaged data files in `folder`, with the first `old` of file `name`
    replaced by `new` (what $EDUMETRICS_DATA_DIR reads instead of extractor/data/)."""
    for data_file in (ROOT / "extractor" / "data").glob("*.yaml"):
        text = data_file.read_text(encoding="utf-8")
        if data_file.name == name:
            assert old in text, (name, old)
            text = text.replace(old, new, 1)
        write(f"{folder}/{data_file.name}", text)

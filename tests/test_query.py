"""`edumetrics query`: one reading statement on an existing database, bounded in time and
memory, on SQLite and PostgreSQL (the PostgreSQL cases run when
$EDUMETRICS_TEST_DATABASE_URL is set).

What an attacker did to the keyword filter this replaces is the backbone: each attack is
refused by the database and leaves the database (and the file system) as it was.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from click.testing import CliRunner, Result
from conftest import ROOT, TEST_DATABASE_ENV, reset_postgres
from handmade import processed_document
from helpers import table_counts
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from extractor.cli import main
from extractor.cli.query_cmd import TABLE_ROWS
from extractor.migrations import alembic_config
from extractor.store.database import connect, open_database
from extractor.store.documents import store_document
from extractor.store.query import CHUNK_ROWS, DEFAULT_TIMEOUT
from extractor.store.schema import downgrade, head_revision

ENGINES = ("sqlite", "postgresql")
# rows without end, the same SQL on both engines
ENDLESS = "with recursive r(n) as (select 1 union all select n + 1 from r)"
ENDLESS_COUNT = f"{ENDLESS} select count(*) as n from r"
# a first chunk of rows, then a count without end: once the first chunk is out, the
# statement is running (one row more than a chunk: sqlite3 steps to the row after a fetch)
FIRST_CHUNK_THEN_ENDLESS = (
    "with recursive a(n) as (select 1 union all select n + 1 from a), "
    "b(n) as (select 1 union all select n + 1 from b) "
    f"select n from (select n from a limit {CHUNK_ROWS + 1}) first_rows union all select count(*) from b")


# --- databases ---------------------------------------------------------------------------


def postgres_url() -> str:
    url = os.environ.get(TEST_DATABASE_ENV)
    if not url:
        pytest.skip(f"${TEST_DATABASE_ENV} is not set: no PostgreSQL to test against")
    return url


@pytest.fixture
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a SQLite file not yet made, or the emptied PostgreSQL test database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'query.db'}"
    url = postgres_url()
    reset_postgres(url)
    return url


@pytest.fixture
def db(empty_db: str) -> str:
    """A database at the head revision holding the hand-made document: 3 claims, 1 masked."""
    engine = open_database(empty_db)
    try:
        store_document(engine, processed_document())
    finally:
        engine.dispose()
    return empty_db


def on_engines(*engines: str) -> pytest.MarkDecorator:
    return pytest.mark.parametrize("empty_db", engines, indirect=True)


both_engines = on_engines(*ENGINES)


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    assert database
    return Path(database)


def state(url: str) -> Any:
    """Everything a query could change: for SQLite the file's bytes and the files beside it,
    for PostgreSQL the tables, their rows, the schema version and the large objects."""
    if is_sqlite(url):
        path = sqlite_path(url)
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
        return digest, sorted(p.name for p in path.parent.iterdir())
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            tables = sorted(inspect(connection).get_table_names())
            objects = connection.execute(text("select count(*) from pg_largeobject_metadata")).scalar()
            revision = (connection.execute(text("select version_num from alembic_version")).scalar()
                        if "alembic_version" in tables else None)
        counts = table_counts(engine) if "claims" in tables else {}
        return tables, revision, counts, objects
    finally:
        engine.dispose()


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A folder anyone may write in, the PostgreSQL server's user too (pytest's own are
    private to this user): an attack that writes a file there is seen."""
    folder = Path(tempfile.mkdtemp(prefix="edumetrics-query-"))
    folder.chmod(0o1777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- running the command -----------------------------------------------------------------


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["query", *args])


def start(*args: str) -> subprocess.Popen[str]:
    """`edumetrics query ARGS` in its own process, as from a terminal (Ctrl-C at its default),
    writing each row as it comes."""
    return subprocess.Popen([sys.executable, "-m", "extractor.cli", "query", *args], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def finish(process: subprocess.Popen[str], within: float) -> tuple[str, str]:
    """The process's output once it ends; fails (and kills it) if it runs past `within` s."""
    try:
        return process.communicate(timeout=within)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"the query was still running after {within} s")


def read_lines(process: subprocess.Popen[str], count: int, within: float = 60) -> list[str]:
    """The first `count` lines the process writes; fails if it ends before (it is killed
    after `within` s)."""
    assert process.stdout is not None
    killer = threading.Timer(within, process.kill)
    killer.start()
    try:
        lines = [process.stdout.readline() for _ in range(count)]
    finally:
        killer.cancel()
    assert lines[-1], f"the query ended, or wrote too little in {within} s"
    return lines


def running_statements(url: str) -> int:
    """Statements other sessions are running on the PostgreSQL test database, after up to
    5 s for a cancelled one to end."""
    engine = create_engine(url)
    try:
        deadline = time.monotonic() + 5
        while True:
            with engine.connect() as connection:
                running = connection.execute(text(
                    "select count(*) from pg_stat_activity where datname = current_database() "
                    "and state = 'active' and pid <> pg_backend_pid()")).scalar()
            if not running or time.monotonic() > deadline:
                return running or 0
            time.sleep(0.1)
    finally:
        engine.dispose()


# --- attacks: refused by the database, nothing changed -----------------------------------


@dataclass(frozen=True)
class Attack:
    name: str
    sql: str  # {marker}: a file the attack would create
    engines: tuple[str, ...] = ENGINES
    says: str = "refused"


def attack_params(attacks: list[Attack]) -> list[Any]:
    return [pytest.param(engine, attack, id=f"{engine}: {attack.name}")
            for attack in attacks for engine in attack.engines]


# PostgreSQL reads SQL otherwise than the keyword filter did (a -- comment ends at CR too;
# E'' strings have backslash escapes), and the driver ran every statement it was sent:
# these deleted rows and ran an OS command through that filter
BYPASSES = [
    Attack("a -- comment ends at CR, then COMMIT and DELETE",
           "select 1 --\r; commit; delete from claims where id <= 10; select 1", ("postgresql",)),
    Attack("an E'' escape hides COMMIT and DELETE",
           "select E'\\'', 1; commit; delete from claims where id <= 10; select '1'", ("postgresql",)),
    Attack("a -- comment ends at CR, then COPY TO PROGRAM",
           "select 1 --\r; copy (select 1) to program 'touch {marker}'", ("postgresql",)),
    Attack("an E'' escape hides COPY TO PROGRAM",
           "select E'\\'', 1; copy (select 1) to program 'touch {marker}'; select '1'", ("postgresql",)),
]


@pytest.mark.parametrize(("empty_db", "attack"), attack_params(BYPASSES), indirect=["empty_db"])
def test_an_attack_is_refused_and_changes_nothing(db: str, attack: Attack, open_dir: Path) -> None:
    assert_refused_and_nothing_changed(db, attack, open_dir / "attack-made-this")


# what the keyword filter refused (so these passed before): the database refuses them now
WRITES = [
    Attack("COPY TO PROGRAM", "copy (select 1) to program 'touch {marker}'", ("postgresql",)),
    Attack("COPY to a server file", "copy claims to '{marker}'", ("postgresql",)),
    Attack("DO block", "do $$ begin delete from claims; end $$", ("postgresql",)),
    Attack("SET the session read-write", "set default_transaction_read_only = off", ("postgresql",)),
    Attack("a SELECT that writes a sequence", "select nextval(pg_get_serial_sequence('claims', 'id'))",
           ("postgresql",)),
    Attack("a SELECT that turns its transaction read-write",
           "select set_config('transaction_read_only', 'off', true)", ("postgresql",), says="read-write"),
    Attack("data-modifying WITH", "with gone as (delete from claims returning id) select count(*) from gone",
           ("postgresql",)),
    Attack("ATTACH creates a file", "attach database '{marker}' as other", ("sqlite",)),
    Attack("VACUUM INTO writes a file", "vacuum into '{marker}'", ("sqlite",)),
    Attack("PRAGMA turns query_only off", "pragma query_only = off", ("sqlite",)),
    Attack("PRAGMA switches the journal", "pragma journal_mode = wal", ("sqlite",)),
    Attack("WITH ... REPLACE", "with x as (select 1) replace into documents (id, name) select 1, 'x'",
           ("sqlite",)),
    Attack("DELETE", "delete from claims"),
    Attack("DROP", "drop table claims"),
    Attack("UPDATE", "update claims set value = 0"),
    Attack("INSERT", "insert into documents (name) values ('x')"),
    Attack("two statements", "select 1; delete from claims"),
    Attack("WITH ... DELETE",
           "with doomed as (select id from claims) delete from claims where id in (select id from doomed)"),
    Attack("COMMIT", "commit"),
]


@pytest.mark.parametrize(("empty_db", "attack"), attack_params(WRITES), indirect=["empty_db"])
def test_a_write_is_refused_by_the_database_itself(db: str, attack: Attack, open_dir: Path) -> None:
    assert_refused_and_nothing_changed(db, attack, open_dir / "attack-made-this")


def assert_refused_and_nothing_changed(db: str, attack: Attack, marker: Path) -> None:
    before = state(db)
    result = run(attack.sql.format(marker=marker), "--db", db)
    assert result.exit_code == 1, result.output
    assert attack.says in result.stderr
    assert "Traceback" not in result.output
    assert state(db) == before
    assert not marker.exists()


@pytest.mark.parametrize(("empty_db", "sql", "shown"), [
    # legitimate reads that a keyword filter refused: PostgreSQL's own lexer reads them
    pytest.param("postgresql", "select E'don\\'t delete' as s", "don't delete", id="an E'' string"),
    pytest.param("postgresql", "select 'kept' as s /* nested /* comments */ delete */", "kept",
                 id="nested comments"),
], indirect=["empty_db"])
def test_reads_that_a_keyword_filter_refused(db: str, sql: str, shown: str) -> None:
    result = run(sql, "--db", db, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == shown


@on_engines("postgresql")
def test_a_superuser_is_warned_and_the_read_only_role_is_not(db: str) -> None:
    """The role the notes tell a team to create: it reads, and nothing more."""
    url = make_url(db)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    reader, password = "edumetrics_reader_test", "change-me"
    try:
        with admin.connect() as connection:
            database, owner = connection.execute(text("select current_database(), current_user")).one()
            for statement in READER_ROLE_SQL.format(reader=reader, password=password, database=database,
                                                     owner=owner).split(";\n"):
                if statement.strip():
                    connection.execute(text(statement))
        as_reader = url.set(username=reader, password=password).render_as_string(hide_password=False)
        superuser = run("select count(*) as n from claims", "--db", db, "--format", "csv")
        assert superuser.exit_code == 0 and "as superuser" in superuser.stderr
        read = run("select count(*) as n from claims", "--db", as_reader, "--format", "csv")
        assert read.exit_code == 0, read.output
        assert read.stdout == "n\n3\n" and read.stderr == ""
        files = run("select pg_read_file('/etc/hostname')", "--db", as_reader)
        assert files.exit_code == 1 and "permission denied for function pg_read_file" in files.stderr
        settings = create_engine(as_reader)
        try:
            with settings.connect() as connection:
                assert connection.execute(text("show default_transaction_read_only")).scalar() == "on"
                assert connection.execute(text("show statement_timeout")).scalar() == "30s"
        finally:
            settings.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"drop owned by {reader}"))
            connection.execute(text(f"drop role {reader}"))
        admin.dispose()


# the SQL the README shows ("A read-only role for queries")
READER_ROLE_SQL = """\
CREATE ROLE {reader} LOGIN PASSWORD '{password}';
ALTER ROLE {reader} SET default_transaction_read_only = on;
ALTER ROLE {reader} SET statement_timeout = '30s';
GRANT CONNECT ON DATABASE {database} TO {reader};
GRANT USAGE ON SCHEMA public TO {reader};
GRANT SELECT ON ALL TABLES IN SCHEMA public TO {reader};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public GRANT SELECT ON TABLES TO {reader};
"""


# --- reading: the three formats, options after the subcommand, clean errors --------------


@both_engines
def test_query_table_csv_and_json(db: str) -> None:
    table = run("select indicator, text from claims order by start", "--db", db)
    assert table.exit_code == 0, table.output
    assert "retention_rate" in table.stdout and "99.04%" in table.stdout
    as_csv = run("select indicator, text, placeholder from claims order by start", "--db", db, "--format", "csv")
    assert as_csv.exit_code == 0, as_csv.output
    assert [row[:2] for row in csv.reader(io.StringIO(as_csv.stdout))] == [
        ["indicator", "text"], ["dropout_count", "7人"], ["retention_rate", "99.04%"], ["degree_seats", "xxxx个"]]
    as_json = run("select indicator, value from claims where value is not null order by start",
                  "--db", db, "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout) == [{"indicator": "dropout_count", "value": 7},
                                          {"indicator": "retention_rate", "value": 99.04}]
    nothing = run("select indicator from claims where 1 = 0", "--db", db, "--format", "json")
    assert json.loads(nothing.stdout) == []
    for sql in ("values ('kept')", "select 'kept' as s; -- a closing semicolon and comment"):
        kept = run(sql, "--db", db, "--format", "csv")
        assert kept.exit_code == 0 and kept.stdout.splitlines()[1] == "kept", kept.output


@both_engines
def test_options_after_the_subcommand(db: str) -> None:
    result = run("select count(*) as n from claims", "--db", db, "--format", "csv", "--timeout", "5")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["n", "3"]


@both_engines
def test_database_errors_are_clean(db: str) -> None:
    missing = run("select * from nowhere", "--db", db)
    assert missing.exit_code == 1 and "nowhere" in missing.stderr and "query failed" in missing.stderr
    assert isinstance(missing.exception, SystemExit)
    bad = run("select 1", "--db", "nonsense://")
    assert bad.exit_code == 1 and "bad database URL" in bad.stderr


# --- only an existing database, at the head revision -------------------------------------


@pytest.mark.parametrize("given", ["sqlite:///{dir}/nope.db", "{dir}/nope.db", "sqlite:///{dir}/empty.db"])
def test_a_missing_sqlite_database_is_an_error_and_nothing_is_made(given: str, tmp_path: Path) -> None:
    (tmp_path / "empty.db").touch()  # a file, but no database in it
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run("select 1", "--db", given.format(dir=tmp_path))
    assert result.exit_code == 1
    assert "edumetrics ingest" in result.stderr and "creates none" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert (tmp_path / "empty.db").stat().st_size == 0


@on_engines("postgresql")
def test_an_empty_postgres_database_is_an_error_and_gets_no_tables(empty_db: str) -> None:
    result = run("select 1", "--db", empty_db)
    assert result.exit_code == 1
    assert "holds no EduMetrics tables" in result.stderr and "edumetrics db upgrade" in result.stderr
    assert state(empty_db) == ([], None, {}, 0)
    absent = make_url(empty_db).set(database="edumetrics_no_such_database").render_as_string(hide_password=False)
    nowhere = run("select 1", "--db", absent)
    assert nowhere.exit_code == 1 and 'database "edumetrics_no_such_database" does not exist' in nowhere.stderr


def previous_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_revision(head_revision().revision)
    previous = head.down_revision if head else None
    assert isinstance(previous, str)
    return previous


@both_engines
def test_an_old_database_is_an_error_and_is_not_upgraded(db: str) -> None:
    engine = connect(db)
    try:
        downgrade(engine, previous_revision())
    finally:
        engine.dispose()
    before = state(db)
    result = run("select count(*) from claims", "--db", db)
    assert result.exit_code == 1
    assert f"at schema revision {previous_revision()}" in result.stderr
    assert "run `edumetrics db upgrade" in result.stderr
    assert state(db) == before


@both_engines
def test_a_database_newer_than_this_edumetrics_is_an_error(db: str) -> None:
    engine = connect(db)
    try:
        with engine.begin() as connection:
            connection.execute(text("update alembic_version set version_num = '9999'"))
    finally:
        engine.dispose()
    before = state(db)
    result = run("select 1", "--db", db)
    assert result.exit_code == 1 and "upgrade edumetrics" in result.stderr
    assert state(db) == before


# --- bounded: timeout, Ctrl-C, memory ----------------------------------------------------


TIMEOUT_CASES = [
    pytest.param(engine, ENDLESS_COUNT, id=f"{engine}: an endless count") for engine in ENGINES
] + [
    pytest.param("postgresql", "select pg_sleep(60)", id="postgresql: pg_sleep"),
    # the statement turns statement_timeout off after its first chunk: the client cancels it
    pytest.param("postgresql", f"{ENDLESS} (select set_config('statement_timeout', '0', false) from r "
                 f"limit {CHUNK_ROWS}) union all select count(*)::text from r", id="postgresql: timeout turned off"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("empty_db", "sql"), TIMEOUT_CASES, indirect=["empty_db"])
def test_a_statement_past_its_timeout_is_stopped(db: str, sql: str) -> None:
    process = start(sql, "--db", db, "--timeout", "1", "--format", "csv")
    _, err = finish(process, within=30)
    assert process.returncode == 1
    assert "ran past its timeout of 1 s" in err
    if not is_sqlite(db):
        assert running_statements(db) == 0


@pytest.mark.slow
@both_engines
def test_the_default_timeout_stops_an_endless_statement(db: str) -> None:
    process = start(FIRST_CHUNK_THEN_ENDLESS, "--db", db, "--format", "csv")
    read_lines(process, CHUNK_ROWS + 1)  # header and first chunk: the endless count has begun
    began = time.monotonic()
    _, err = finish(process, within=DEFAULT_TIMEOUT + 30)
    assert time.monotonic() - began >= DEFAULT_TIMEOUT - 1
    assert process.returncode == 1 and f"ran past its timeout of {DEFAULT_TIMEOUT:g} s" in err


@pytest.mark.slow
@both_engines
def test_ctrl_c_stops_a_running_statement(db: str) -> None:
    process = start(FIRST_CHUNK_THEN_ENDLESS, "--db", db, "--format", "csv", "--timeout", "600")
    read_lines(process, CHUNK_ROWS + 1)  # the endless count is running now
    time.sleep(0.5)
    os.kill(process.pid, signal.SIGINT)
    signalled = time.monotonic()
    out, err = finish(process, within=30)
    assert time.monotonic() - signalled < 5
    assert process.returncode == 128 + signal.SIGINT
    assert "query interrupted" in err and out == ""  # the count never came
    if not is_sqlite(db):
        assert running_statements(db) == 0


@both_engines
def test_a_table_shows_the_first_rows_of_an_endless_result(db: str) -> None:
    process = start(f"{ENDLESS} select n from r", "--db", db, "--timeout", "600")
    out, err = finish(process, within=60)
    assert process.returncode == 0, err
    assert f"│ {TABLE_ROWS} " in out and f"│ {TABLE_ROWS + 1} " not in out
    assert f"showing the first {TABLE_ROWS} rows" in err


@both_engines
def test_a_closed_pipe_stops_an_endless_result(db: str) -> None:
    process = start(f"{ENDLESS} select n from r", "--db", db, "--format", "csv", "--timeout", "600")
    assert read_lines(process, 3) == ["n\n", "1\n", "2\n"]
    assert process.stdout is not None
    process.stdout.close()  # as `| head -3` does
    assert process.stderr is not None
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("the query kept running after its reader had gone")
    assert process.returncode == 128 + signal.SIGPIPE
    assert "Traceback" not in process.stderr.read()


PEAK_RSS = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
            "check=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def peak_kib(db: str, rows: int, fmt: str) -> int:
    """Peak resident memory (KiB) of a query writing `rows` rows of ~110 bytes as `fmt`."""
    sql = f"{ENDLESS} select n, '{'x' * 100}' || n as payload from r limit {rows}"
    measured = subprocess.run([sys.executable, "-c", PEAK_RSS, sys.executable, "-m", "extractor.cli", "query",
                               sql, "--db", db, "--format", fmt, "--timeout", "600"],
                              capture_output=True, text=True, check=True, timeout=600)
    return int(measured.stdout)


@pytest.mark.slow
@both_engines
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_rows_stream_in_flat_memory(db: str, fmt: str) -> None:
    few, many = peak_kib(db, 1_000, fmt), peak_kib(db, 300_000, fmt)
    # held in memory, 300,000 such rows take well over 100 MB
    assert many - few < 20 * 1024, f"peak {few} KiB for 1,000 rows, {many} KiB for 300,000"

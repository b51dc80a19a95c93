"""Options and error handling shared by the database commands."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from extractor.errors import StoreError, WorkerError
from extractor.sources.names import printable

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy import Engine

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def db_option(command: F) -> F:
    """`--db URL`: the database (else $EDUMETRICS_DATABASE_URL, else ./edumetrics.db)."""
    option = click.option(
        "--db", "db", metavar="URL", default=None,
        help="Database URL or SQLite file path. [default: $EDUMETRICS_DATABASE_URL, "
             "else sqlite:///edumetrics.db in the working directory]")
    return option(command)


def group_db(ctx: click.Context, db: str | None) -> str | None:
    """A subcommand's --db, else the one given to its group (before the subcommand)."""
    return db or (ctx.obj or {}).get("db")


def format_option(*choices: str, default: str = "table") -> Callable[[F], F]:
    """`--format`: one of `choices`, stored as `fmt`."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help="Output format.")


def database_errors(command: F) -> F:
    """Turn a StoreError (bad URL, refused SQL, failed migration) or a WorkerError (worker
    processes that cannot start) into a clean CLI error."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (StoreError, WorkerError) as exc:
            raise click.ClickException(printable(str(exc))) from exc

    return wrapper  # type: ignore[return-value]


def on_database(db: str | None, action: Callable[[Engine], T], *errors: type[Exception]) -> T:
    """Open the database, run `action` on it and close it; `errors` become clean CLI errors."""
    from extractor.store.database import database_url, open_database  # commands without one skip SQLAlchemy

    engine = open_database(database_url(db))
    try:
        return action(engine)
    except errors as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        engine.dispose()


PIPED_WIDTH = 200  # columns of tables written to a pipe or a file


def output_console() -> Console:
    """A console for standard output: the terminal's width, or PIPED_WIDTH when piped."""
    from rich.console import Console  # Rich is imported by what prints with it (start-up)

    console = Console()
    return console if console.is_terminal else Console(width=PIPED_WIDTH)


class ErrorConsole:
    """Standard error's Rich console, made at the first message: a run with nothing to
    report (most `extract` runs into a pipe) does not import Rich (a twentieth of start-up)."""

    def __init__(self) -> None:
        self._console: Console | None = None

    def print(self, *objects: Any) -> None:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True)
        self._console.print(*objects)

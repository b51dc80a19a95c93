"""`edumetrics serve`: browse, facet and chart the database in Datasette, read-only."""

from __future__ import annotations

import errno
import importlib.util
import socket

import click

from extractor.cli.app import main
from extractor.cli.options import database_errors, db_option
from extractor.store.browse import datasette_metadata, servable_file
from extractor.store.database import database_url
from extractor.vocab.browse import load_browse_data

# what the `serve` extra installs (pyproject.toml)
NEEDED_MODULES = ("datasette", "datasette_dashboards")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 lets other machines read the whole database.")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="Port to listen on.")
@database_errors
def serve(db: str | None, host: str, port: int) -> None:
    """Browse the SQLite database in Datasette: tables explained column by column, facets on
    indicator, region, year and level, canned queries and a chart of an indicator over the years.

    The file is opened immutable: nothing is ever written to it. It must exist and be at the
    newest schema revision (serve never creates or migrates a database; the error says what to
    run). Restart serve after an ingest to see the new claims. A PostgreSQL database cannot be
    served: ingest the same files into a SQLite file and serve that.

    \b
    Example:
      edumetrics serve
      edumetrics serve --db sqlite:///claims.db --port 8080
    """
    path = servable_file(database_url(db))
    _require_datasette()
    _require_free_port(host, port)
    from extractor.store.datasette_app import database_name, make_datasette, run

    metadata = datasette_metadata(load_browse_data(), database_name(path))
    datasette = make_datasette(path, metadata)
    click.echo(f"Serving {path} read-only at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    run(datasette, host, port)


def _require_datasette() -> None:
    missing = [name for name in NEEDED_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise click.ClickException(f"edumetrics serve needs {', '.join(missing)}: "
                                   "pip install 'edumetrics[serve]'")


def _require_free_port(host: str, port: int) -> None:
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise click.ClickException(f"port {port} on {host} is in use: choose another with --port") \
                from exc
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc

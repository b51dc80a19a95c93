"""The `edumetrics` command group; each command module registers itself on it.

A command's module is imported when the command is looked up, not before: importing
the package stays light, which matters for ingest's worker processes (a spawned
worker imports the package the `edumetrics` script imports, and nothing more).
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from extractor import __version__
from extractor.errors import VocabularyError
from extractor.vocab import collector_resting

# command -> the module that registers it
COMMAND_MODULES = {
    "db": "extractor.cli.db_cmd",
    "export": "extractor.cli.export_cmd",
    "extract": "extractor.cli.extract_cmd",
    "failures": "extractor.cli.failures_cmd",
    "findings": "extractor.cli.reconcile_cmd",
    "ingest": "extractor.cli.ingest_cmd",
    "placeholders": "extractor.cli.placeholders_cmd",
    "query": "extractor.cli.query_cmd",
    "reconcile": "extractor.cli.reconcile_cmd",
    "reports": "extractor.cli.reports_cmd",
    "serve": "extractor.cli.serve_cmd",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use (see COMMAND_MODULES)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            with collector_resting():
                importlib.import_module(COMMAND_MODULES[cmd_name])
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a broken data file ends it with its message, not a traceback."""
        try:
            return super().invoke(ctx)
        except VocabularyError as exc:
            raise click.ClickException(f"broken data file: {exc}") from exc


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="edumetrics")
def main() -> None:
    """EduMetrics: quantified claims from Chinese education reports, into SQL.

    \b
    Example:
      edumetrics ingest data/samples
      edumetrics query "select indicator, count(*) from claims group by indicator"
    """

"""The `edumetrics` command group; each command module registers itself on it."""

from __future__ import annotations

import click

from extractor import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="edumetrics")
def main() -> None:
    """EduMetrics: quantified claims from Chinese education reports, into SQL.

    \b
    Example:
      edumetrics ingest data/samples
      edumetrics query "select indicator, count(*) from claims group by indicator"
    """

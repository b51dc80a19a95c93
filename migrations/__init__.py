"""Alembic migrations of the EduMetrics database, shipped in the package.

`alembic_config()` builds the configuration in code, with the script location taken
from this package's own directory, so extractor.migrations run from any working directory after
a plain `pip install .`. `alembic.ini` beside this file serves the `alembic` command
line during development (`alembic -c migrations/alembic.ini revision --autogenerate`).
"""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from sqlalchemy.engine import Connection

SCRIPT_LOCATION = Path(__file__).resolve().parent
FILE_TEMPLATE = "%%(rev)s_%%(slug)s"


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An Alembic Config for this package's scripts.

    With `connection`, env.py runs the migrations on it (inside the caller's
    transaction); otherwise it opens `url`.
    """
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.set_main_option("path_separator", "os")
    config.set_main_option("file_template", FILE_TEMPLATE)
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config

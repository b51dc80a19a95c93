"""Shared fixtures: the bundled sample reports."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
TEST_DATA = ROOT / "tests" / "data"  # real texts and gold, see tests/data/README.md


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    paths = sorted(SAMPLES.glob("*.txt"))
    assert paths, f"no sample reports in {SAMPLES}"
    return paths


TEST_DATABASE_ENV = "EDUMETRICS_TEST_DATABASE_URL"


def reset_postgres(url: str) -> None:
    """Empty the PostgreSQL test database: drop and recreate its public schema."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a SQLite file, and the PostgreSQL database named by
    $EDUMETRICS_TEST_DATABASE_URL (skipped when that is unset; CI sets it)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    url = os.environ.get(TEST_DATABASE_ENV)
    if not url:
        pytest.skip(f"${TEST_DATABASE_ENV} is not set: no PostgreSQL to test against")
    reset_postgres(url)
    return url


@pytest.fixture
def samples_db(database_url: str, sample_paths: list[Path]) -> str:
    """A database holding the samples (ingested through the CLI)."""
    from invoke import ok

    ok("ingest", str(sample_paths[0].parent), "--db", database_url, "--quiet", "--jobs", "1")
    return database_url


# Property-based tests (tests/test_fuzz.py): "ci", the default, runs the same examples every
# time within a few seconds; HYPOTHESIS_PROFILE=long explores at random for as long as it
# is given (README, "Fuzzing"): 20,000 examples per property, or FUZZ_EXAMPLES. The deadline
# is per example: far above any report's time.
FUZZ_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=60, deadline=timedelta(seconds=2), derandomize=True,
                          print_blob=True, suppress_health_check=FUZZ_HEALTH)
settings.register_profile("long", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20000")),
                          deadline=timedelta(seconds=10), print_blob=True,
                          suppress_health_check=FUZZ_HEALTH)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

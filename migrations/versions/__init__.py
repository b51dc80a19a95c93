"""Alembic revision scripts, one file per revision, named <rev>_<slug>.py."""

"""Records (Pydantic, extraction output) and tables (SQLAlchemy, storage)."""

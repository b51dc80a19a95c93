"""Named errors for real failures; ordinary misses return empty results instead."""

from __future__ import annotations


class EduMetricsError(Exception):
    """Base class of the errors this package raises on purpose."""


class InputError(EduMetricsError):
    """A file that cannot be used: names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DecodeError(InputError):
    """Bytes that are not text in any encoding we accept."""


class VocabularyError(EduMetricsError):
    """A vocabulary data file that does not validate."""


class StoreError(EduMetricsError):
    """A database that cannot be opened, migrated, written or queried; says why."""


class WorkerError(EduMetricsError):
    """Worker processes that cannot run at all (they die as they start)."""

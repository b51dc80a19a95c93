"""Ingest: many files into the database at once. Worker processes extract (`worker`,
`pool`), one writer stores (`batch`)."""

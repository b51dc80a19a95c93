"""Store stage: the database. Engines and URLs (`database`), schema revisions (`schema`),
read-only SQL (`query`)."""

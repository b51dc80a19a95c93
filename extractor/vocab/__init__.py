"""Vocabulary: the data files under extractor/data/, loaded and validated.

Every file is read through one loader (duplicate keys refused) and checked against a
Pydantic schema; a broken file is an error at start, naming the file and the key."""

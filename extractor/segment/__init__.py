"""Segment stage: a document's matching view -> its reports and boilerplate regions.

`split` gives each line a class and cuts the text into reports; `meta` reads each
report's kind, year, region, issuer and period."""

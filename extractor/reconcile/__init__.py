"""Reconcile stage: checks across stored claims (`checks`, run by `run`), near-duplicate
reports (`duplicates`) and the placeholder work queue (`resolutions`)."""

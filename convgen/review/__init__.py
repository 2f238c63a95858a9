"""The lawyer's review: review pack, clause checklist, provenance, changes and redline."""

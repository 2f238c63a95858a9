"""Batch regeneration (convgen regenerer): plan with reasons, workers, manifest, report."""

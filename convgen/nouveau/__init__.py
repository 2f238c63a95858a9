"""Commented starter files, one per document type (``convgen nouveau``)."""

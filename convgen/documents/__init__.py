"""The registry of document types: article plans and template contexts."""

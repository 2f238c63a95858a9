"""Input schema: pydantic models with French field names, one module per document type."""

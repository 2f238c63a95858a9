"""PDF of the documents: LibreOffice kept running (unoserver) or launched once, metadata."""

"""WordprocessingML: package reading and writing, text view, superscript."""

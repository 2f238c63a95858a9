"""The invisible characters of French typography, named once.

Word users type them without seeing them (Word puts a no-break space before « : »
by itself), babel writes the narrow one between thousands: code that reads or
writes French text names them here rather than writing them as literals.
"""

NBSP = "\u00a0"
"""No-break space: before « : », inside « », between a number and its unit."""

NNBSP = "\u202f"
"""Narrow no-break space: before « ; ! ? », between groups of thousands."""

THIN_SPACE = "\u2009"
"""Thin space: found in text pasted from elsewhere."""

SPACES = f" {NBSP}{NNBSP}{THIN_SPACE}"
"""Every space a person may have typed between two words or digit groups."""

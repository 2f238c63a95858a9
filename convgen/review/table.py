"""One table of the review pack, whatever its format (Word, Markdown, JSON)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    """A titled table of the pack; ``empty`` is printed when it has no rows.

    ``weights`` are relative column widths, for the Word pack (equal if empty).
    """

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    intro: str = ""
    empty: str = ""
    weights: tuple[int, ...] = ()

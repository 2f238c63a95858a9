"""Table column widths that never cut a word: each column at least as wide as its
longest word, the width it needs taken from the columns that have room to spare.

Templates give tables a fixed layout (Word and LibreOffice then lay them out alike),
so a column as narrow as the template drew it cuts a long word typed by a user
(« profession|nels »). The measure is an estimate of the printed width (Calibri at
the table text's size, bold allowed for), on the safe side.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from functools import lru_cache

_GRID = re.compile(r"<w:tblGrid>(.*?)</w:tblGrid>", re.DOTALL)
_GRID_COL = re.compile(r'<w:gridCol w:w="(\d+)"/>')
_SPAN = re.compile(r'<w:gridSpan w:val="(\d+)"/>')
_CELL_WIDTH = re.compile(r'(<w:tcW w:w=")(\d+)(")')
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_PARAGRAPH_END = "</w:p>"
_WORD_BREAK = re.compile(r"[\s\u00a0\u202f]+")

# Twips a character takes at the table text's 9.5 pt, bold and wide letters allowed
# for; plus the cell's left and right margins and borders.
CHAR_TWIPS = 112
CELL_MARGINS = 240


def fit_columns(xml: str) -> str:
    """``xml`` (a document body) whose tables' columns each hold their longest word."""
    if "<w:tbl>" not in xml:
        return xml
    return _replaced(xml, _spans(xml, "<w:tbl>", "</w:tbl>"), _table_fitted)


def _table_fitted(table: str) -> str:
    # A third of a batch's tables are the template's own (headings, fixed rows) and
    # come back in every document: cached, they cost a dictionary look-up. Longer
    # tables (a user's long lists) are measured each time: they rarely recur, and each
    # would hold much memory in the cache.
    return _fitted_cached(table) if len(table) <= _CACHED_TABLE else _fitted(table)


_CACHED_TABLE = 20_000


# Tables, rows and cells are found with str.find, not regular expressions: a body is
# about a hundred kilobytes, scanned for each of them in every document of a batch.
def _spans(text: str, opening: str, closing: str, after: str = "") -> list[tuple[int, int]]:
    """(start, end) of each ``opening`` … ``closing`` in ``text``, left to right, not
    nested (the first ``closing`` ends it); ``opening`` counts only when followed by
    one of the characters ``after`` (any, if empty)."""
    spans = []
    position = 0
    while (start := text.find(opening, position)) != -1:
        position = start + len(opening)
        if after and text[position : position + 1] not in after:
            continue
        end = text.find(closing, position)
        if end == -1:
            break
        position = end + len(closing)
        spans.append((start, position))
    return spans


def _replaced(text: str, spans: list[tuple[int, int]], change: Callable[[str], str]) -> str:
    """``text`` with each of its ``spans`` replaced by ``change`` of itself."""
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        pieces += (text[last:start], change(text[start:end]))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _row_spans(table: str) -> list[tuple[int, int]]:
    return _spans(table, "<w:tr", "</w:tr>", " >")  # not <w:trPr>


def _cell_spans(row: str) -> list[tuple[int, int]]:
    return _spans(row, "<w:tc>", "</w:tc>")


def _span(cell: str) -> int:
    """The grid columns a cell spans."""
    found = _SPAN.search(cell) if "<w:gridSpan" in cell else None
    return int(found.group(1)) if found else 1


def _fitted(table: str) -> str:
    if table.count("<w:tbl>") > 1:  # a nested table: left as drawn
        return table
    grid = _GRID.search(table)
    if grid is None:
        return table
    widths = [int(w) for w in _GRID_COL.findall(grid.group(1))]
    needs = _needs(table, len(widths))
    if needs is None or all(n <= w for n, w in zip(needs, widths, strict=True)):
        return table
    fitted = _distribute(widths, needs)
    new_grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in fitted)
    table = table[: grid.start(1)] + new_grid + table[grid.end(1) :]
    return _replaced(table, _row_spans(table), lambda row: _row_widths(row, fitted))


_fitted_cached = lru_cache(maxsize=128)(_fitted)


def _needs(table: str, columns: int) -> list[int] | None:
    """The width each column needs for its longest word (spanning cells aside)."""
    needs = [0] * columns
    for row_start, row_end in _row_spans(table):
        row = table[row_start:row_end]
        position = 0
        for cell in (row[start:end] for start, end in _cell_spans(row)):
            span = _span(cell)
            if position + span > columns:
                return None  # a row wider than the grid: not ours to fix
            if span == 1:
                needs[position] = max(needs[position], _longest_word(cell))
            position += span
    return [CELL_MARGINS + math.ceil(n * CHAR_TWIPS) if n else 0 for n in needs]


def _longest_word(cell: str) -> int:
    # Most cells are the template's own (headings, labels) and recur in every
    # document of a batch: cached, they cost a dictionary look-up. Long cells, which
    # hold a user's text, rarely recur and would make the cache grow.
    return _longest_word_cached(cell) if len(cell) <= _CACHED_CELL else _measure(cell)


_CACHED_CELL = 4000


def _measure(cell: str) -> int:
    longest = 0
    for paragraph in cell.split(_PARAGRAPH_END):
        text = html.unescape("".join(_TEXT.findall(paragraph)))
        longest = max([longest, *(len(w) for w in _WORD_BREAK.split(text))])
    return longest


_longest_word_cached = lru_cache(maxsize=4096)(_measure)


def _distribute(widths: list[int], needs: list[int]) -> list[int]:
    """Widths summing to the table's width, each at least its need when they can: the
    columns short of room get it from the others, in proportion to what they spare."""
    total = sum(widths)
    if sum(needs) >= total:
        return _rounded([total * n / sum(needs) for n in needs], total)
    result = [float(max(w, n)) for w, n in zip(widths, needs, strict=True)]
    excess = sum(result) - total
    spare = [r - n if r == w else 0.0 for r, w, n in zip(result, widths, needs, strict=True)]
    return _rounded(
        [r - excess * s / sum(spare) for r, s in zip(result, spare, strict=True)], total
    )


def _rounded(widths: list[float], total: int) -> list[int]:
    result = [math.floor(w) for w in widths]
    result[result.index(max(result))] += total - sum(result)
    return result


def _row_widths(row: str, widths: list[int]) -> str:
    position = 0

    def resized(cell: str) -> str:
        nonlocal position
        span = _span(cell)
        width = sum(widths[position : position + span])
        position += span
        return _CELL_WIDTH.sub(rf"\g<1>{width}\g<3>", cell, 1)

    return _replaced(row, _cell_spans(row), resized)

"""Table columns at least as wide as their longest word, the table's width unchanged."""

from __future__ import annotations

import re

from convgen.wordml import tables
from convgen.wordml.tables import CELL_MARGINS, CHAR_TWIPS, fit_columns


def _table(widths: list[int], rows: list[list[str]]) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = "".join(
        "<w:tr>"
        + "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>'
            f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"
            for w, text in zip(widths, row, strict=True)
        )
        + "</w:tr>"
        for row in rows
    )
    return f"<w:body><w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl></w:body>"


def _grid(xml: str) -> list[int]:
    return [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', xml)]


def test_a_narrow_column_gets_room_for_its_longest_word_from_the_others() -> None:
    xml = fit_columns(_table([3000, 1000, 3000], [["Objectif", "professionnels", "Source"]]))
    grid = _grid(xml)
    assert sum(grid) == 7000
    assert grid[1] >= CELL_MARGINS + 14 * CHAR_TWIPS
    assert re.findall(r'<w:tcW w:w="(\d+)"', xml) == [str(w) for w in grid]


def test_a_table_whose_words_fit_is_left_as_drawn() -> None:
    xml = _table([3000, 3000], [["court", "mot"]])
    assert fit_columns(xml) == xml


def test_the_words_of_every_paragraph_of_a_cell_count() -> None:
    table = _table([4000, 800], [["a", "b"]]).replace(
        "<w:t>b</w:t></w:r></w:p>",
        "<w:t>b</w:t></w:r></w:p><w:p><w:r><w:t>Département</w:t></w:r></w:p>",
    )
    assert _grid(fit_columns(table))[1] >= CELL_MARGINS + 11 * CHAR_TWIPS


def test_a_recurring_table_is_fitted_once_and_a_long_one_every_time() -> None:
    recurring = _table([3000, 1000, 3000], [["Objectif", "professionnels", "Source"]])
    words = " ".join(["professionnels"] * 3000)  # a user's long list: beyond the cache
    long = _table([3000, 1000], [["Objectif", words]])
    assert len(long) > tables._CACHED_TABLE
    first, first_long = fit_columns(recurring), fit_columns(long)
    hits, misses = tables._fitted_cached.cache_info()[:2]
    assert fit_columns(recurring) == first
    assert fit_columns(long) == first_long
    assert tables._fitted_cached.cache_info()[:2] == (hits + 1, misses)
    assert _grid(first_long)[1] >= CELL_MARGINS + 14 * CHAR_TWIPS

"""The paragraphs of a Word part, each with where its author sees it: the article
heading above, the table cell, the header or footer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from convgen.wordml.namespaces import W
from convgen.wordml.text import paragraph_text, snippet

HEADING_STYLES = {"Heading1", "AnnexTitle", "Title"}


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a template part, with what locates it."""

    element: etree._Element
    text: str
    style: str
    heading: str
    cell: tuple[int, int, int] | None  # table, row, cell (1-based)

    def describe(self, part: str = "") -> str:
        where = [part] if part else []
        if self.heading and self.heading != self.text:
            where.append(f"sous « {snippet(self.heading)} »")
        if self.cell is not None:
            table, row, cell = self.cell
            where.append(f"tableau {table}, ligne {row}, cellule {cell}")
        where.append(f"paragraphe « {snippet(self.text)} »")
        return ", ".join(where)


def part_label(part: str) -> str:
    """« en-tête », « pied de page » or nothing for the body."""
    if "header" in part:
        return "en-tête"
    if "footer" in part:
        return "pied de page"
    return ""


def paragraphs(root: etree._Element) -> list[Paragraph]:
    """Every paragraph of a part in reading order, tables included."""
    found: list[Paragraph] = []
    state = {"heading": "", "tables": 0}
    container = root.find(f"{W}body")
    _collect(container if container is not None else root, found, state, None)
    return found


def _collect(
    node: etree._Element,
    found: list[Paragraph],
    state: dict[str, object],
    cell: tuple[int, int, int] | None,
) -> None:
    for child in node:
        if child.tag == f"{W}p":
            found.append(_paragraph(child, state, cell))
        elif child.tag == f"{W}tbl":
            state["tables"] = int(str(state["tables"])) + 1
            for place, tc in _cells(child, int(str(state["tables"]))):
                _collect(tc, found, state, place)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                _collect(content, found, state, cell)


def _cells(
    table: etree._Element, index: int
) -> Iterator[tuple[tuple[int, int, int], etree._Element]]:
    for r, row in enumerate(table.findall(f"{W}tr"), start=1):
        for c, tc in enumerate(row.findall(f"{W}tc"), start=1):
            yield (index, r, c), tc


def _paragraph(
    element: etree._Element, state: dict[str, object], cell: tuple[int, int, int] | None
) -> Paragraph:
    style_node = element.find(f"{W}pPr/{W}pStyle")
    style = style_node.get(f"{W}val", "") if style_node is not None else ""
    text = paragraph_text(element)
    if style in HEADING_STYLES and cell is None:
        state["heading"] = text
    return Paragraph(element, text, style, str(state["heading"]), cell)

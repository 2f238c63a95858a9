"""The review pack as a Word document, the format lawyers annotate.

Built with python-docx from the tables of ``review.formats``, then re-packed
by ``wordml.package.write_zip`` with convgen's own core properties: python-docx
stamps every zip entry with the current time, and the same input must give
the same pack.
"""

from __future__ import annotations

import io

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from convgen.review.formats import TITLE, Table, heading, pack_tables, verdict
from convgen.review.pack import Review
from convgen.wordml.package import CORE_PART, ZipEntry, core_properties, read_package, write_zip

_WIDTH_CM = 26.7  # A4 landscape less 1.5 cm margins
_MARK_COLOURS = {"✔": RGBColor(0x1B, 0x7F, 0x3B), "✘": RGBColor(0xC0, 0x1C, 0x1C)}


def to_docx(review: Review) -> bytes:
    """The pack as .docx bytes, identical for identical reviews."""
    document = docx.Document()
    _landscape(document)
    document.core_properties.language = "fr-FR"
    document.add_heading(TITLE, level=0)
    document.add_paragraph(heading(review))
    document.add_paragraph(f"Fichier d’entrée : {review.source}")
    document.add_paragraph().add_run(verdict(review)).bold = True
    for table in pack_tables(review):
        _add_table(document, table)
    buffer = io.BytesIO()
    document.save(buffer)
    return _repack(buffer.getvalue(), heading(review))


def _landscape(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))


def _add_table(document: Document, table: Table) -> None:
    document.add_heading(table.title, level=1)
    if table.intro:
        document.add_paragraph(table.intro)
    if not table.rows:
        document.add_paragraph(table.empty or "Aucun.")
        return
    grid = document.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    grid.autofit = False
    for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in table.rows:
        for cell, text in zip(grid.add_row().cells, row, strict=True):
            _fill(cell.paragraphs[0], text)
    weights = table.weights or (1,) * len(table.header)
    for column, weight in zip(grid.columns, weights, strict=True):
        # Word reads the cell widths, LibreOffice the grid's: set both.
        column.width = Cm(_WIDTH_CM * weight / sum(weights))
        for cell in column.cells:
            cell.width = column.width


def _fill(paragraph: Paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(9)
    if text in _MARK_COLOURS:
        run.font.color.rgb = _MARK_COLOURS[text]
        run.bold = True


def _repack(data: bytes, title: str) -> bytes:
    parts = read_package(data, "dossier de relecture")
    parts[CORE_PART] = core_properties(title=title, subject=TITLE, keywords="relecture")
    return write_zip(ZipEntry.compress(name, part) for name, part in parts.items())

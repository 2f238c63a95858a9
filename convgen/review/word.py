"""The review pack as a Word document, the format lawyers annotate.

Built with python-docx from the tables of ``review.formats``, then re-packed
by ``wordml.package.write_zip`` with convgen's own core properties: python-docx
stamps every zip entry with the current time, and the same input must give
the same pack.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from convgen.chars import NBSP
from convgen.review.formats import TITLE, heading, pack_tables, verdict
from convgen.review.pack import Review
from convgen.review.table import Table
from convgen.wording.formatting import typography
from convgen.wordml.package import CORE_PART, ZipEntry, core_properties, read_package, write_zip

_WIDTH_CM = 26.7  # A4 landscape less 1.5 cm margins
_FONT = "Calibri"  # the templates' font (Carlito, metric-compatible, where Calibri is absent)
_TABLE_PT = 9
_MARK_COLOURS = {"✔": RGBColor(0x1B, 0x7F, 0x3B), "✘": RGBColor(0xC0, 0x1C, 0x1C)}


def to_docx(review: Review) -> bytes:
    """The pack as .docx bytes, identical for identical reviews."""
    lines = (heading(review), f"Fichier d’entrée : {review.source}")
    return tables_docx(TITLE, heading(review), lines, verdict(review), pack_tables(review))


def tables_docx(
    title: str, subject: str, lines: Sequence[str], verdict_: str, tables: Sequence[Table]
) -> bytes:
    """A landscape French Word document: a title, some lines, a verdict in bold, tables."""
    document = docx.Document()
    _landscape(document)
    _french_styles(document)
    _page_numbers(document)
    document.core_properties.language = "fr-FR"
    document.add_heading(title, level=0)
    for line in lines:
        document.add_paragraph(line)
    document.add_paragraph().add_run(verdict_).bold = True
    for table in tables:
        _add_table(document, table)
    buffer = io.BytesIO()
    document.save(buffer)
    return _repack(buffer.getvalue(), subject, title)


def _landscape(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))


def _french_styles(document: Document) -> None:
    """French spelling and hyphenation for every run, and the conventions' font and sizes
    (python-docx's defaults are English and about 7 pt in tables)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in run_defaults.findall(qn("w:lang")):
        run_defaults.remove(old)
    language = OxmlElement("w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), "fr-FR")
    run_defaults.append(language)
    normal = document.styles["Normal"]
    normal.font.name = _FONT
    normal.font.size = Pt(10)
    for name in ("Title", "Heading 1"):
        document.styles[name].font.name = _FONT


def _page_numbers(document: Document) -> None:
    """« Page 3 sur 12 » at the foot of every page, with Word's own fields."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" sur ")
    _field(paragraph, "NUMPAGES")


def _field(paragraph: Paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


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
    header = grid.rows[0]
    _repeat_on_each_page(header._tr)
    for cell, text in zip(header.cells, table.header, strict=True):
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(_TABLE_PT)
    for row in table.rows:
        for cell, text in zip(grid.add_row().cells, row, strict=True):
            _fill(cell.paragraphs[0], text)
    widths = column_widths([table.header, *table.rows], table.weights)
    for column, width in zip(grid.columns, widths, strict=True):
        # Word reads the cell widths, LibreOffice the grid's: set both.
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = column.width


def _repeat_on_each_page(row: CT_Row) -> None:
    properties = row.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))


# Width of one character of 9 pt Carlito/Calibri, generously (bold capitals included),
# and a cell's left and right padding: enough that no word is cut inside a cell.
_CHAR_CM = 0.2
_PADDING_CM = 0.4


def column_widths(rows: Sequence[Sequence[str]], weights: Sequence[int] | None) -> list[float]:
    """Widths (cm) that hold each column's longest word whole, the rest of the page shared
    by ``weights``."""
    count = len(rows[0])
    longest = [
        max((len(w) for row in rows for w in row[i].split()), default=1) for i in range(count)
    ]
    floors = [n * _CHAR_CM + _PADDING_CM for n in longest]
    shares = weights or (1,) * count
    spare = max(0.0, _WIDTH_CM - sum(floors))
    return [
        floor + spare * share / sum(shares) for floor, share in zip(floors, shares, strict=True)
    ]


def _fill(paragraph: Paragraph, text: str) -> None:
    # « art. L. 312-7 » never split at a line end: French spacing, as in the documents.
    run = paragraph.add_run(typography(text).replace("art. ", f"art.{NBSP}"))
    run.font.size = Pt(_TABLE_PT)
    if text in _MARK_COLOURS:
        run.font.color.rgb = _MARK_COLOURS[text]
        run.bold = True


def _repack(data: bytes, title: str, subject: str) -> bytes:
    parts = read_package(data, "dossier de relecture")
    parts[CORE_PART] = core_properties(title=title, subject=subject, keywords="relecture")
    _drop_styles_with_effects(parts)
    return write_zip(ZipEntry.compress(name, part) for name, part in parts.items())


_EFFECTS = "word/stylesWithEffects.xml"


def _drop_styles_with_effects(parts: dict[str, bytes]) -> None:
    """python-docx's blank document carries a Word 2010 copy of the styles that no longer
    matches the styles once changed (openxml-audit reports it): Word rebuilds it, so it
    is left out, with its relationship and content type."""
    if parts.pop(_EFFECTS, None) is None:
        return
    for name, pattern in (
        (
            "word/_rels/document.xml.rels",
            rb"<Relationship [^>]*Target=\"stylesWithEffects.xml\"[^>]*/>",
        ),
        ("[Content_Types].xml", rb"<Override [^>]*PartName=\"/word/stylesWithEffects.xml\"[^>]*/>"),
    ):
        parts[name] = re.sub(pattern, b"", parts[name])

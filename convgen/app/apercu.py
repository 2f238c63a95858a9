"""The atelier's preview: a document's text by article, and its page images through
LibreOffice and poppler when they are installed.

The text by article is shown always; the pages as Word would lay them out need
``soffice`` (to PDF) and ``pdftoppm`` (to PNG), both optional.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from convgen.errors import OfficeError, OutputError
from convgen.pdf.office import convert_once
from convgen.wordml.text import HEADERS_FOOTERS, sections

TIMEOUT_S = 120
MAX_PAGES = 40


def available() -> bool:
    return shutil.which("soffice") is not None and shutil.which("pdftoppm") is not None


def page_images(document: bytes, resolution: int = 60) -> list[bytes]:
    """PNG images of the pages of a .docx. Raises OutputError if LibreOffice fails."""
    try:
        # As `generer --pdf`: a profile and temporary files of its own, removed after.
        pdf = convert_once(document, timeout=TIMEOUT_S)
    except OfficeError as exc:
        raise OutputError(f"aperçu des pages impossible ({exc.message})") from None
    with tempfile.TemporaryDirectory(prefix="convgen-apercu-") as work:
        folder = Path(work)
        (folder / "document.pdf").write_bytes(pdf)
        _run(["pdftoppm", "-png", "-r", str(resolution), "-l", str(MAX_PAGES),
              str(folder / "document.pdf"), str(folder / "page")])  # fmt: skip
        return [path.read_bytes() for path in sorted(folder.glob("page-*.png"))]


def _run(command: list[str]) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_S)
    except (OSError, subprocess.SubprocessError) as exc:
        raise OutputError(f"aperçu des pages impossible ({command[0]} : {exc})") from None


BlockKind = Literal["paragraphe", "intertitre", "liste", "tableau"]


@dataclass(frozen=True)
class Block:
    """A piece of an article as the page shows it: a paragraph, a sub-heading, a list's
    items or a table's rows (cells)."""

    kind: BlockKind
    lines: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Article:
    heading: str  # "" for the title block
    blocks: tuple[Block, ...]


def articles(text: str) -> list[Article]:
    """A text view (``wordml.text.docx_text``) by article, its tables as rows of cells and
    its lists as items; without the running header and footer (a page number read on
    the screen would say « Page 1 / 1 »)."""
    return [
        Article(section.heading, tuple(_blocks(section.lines)))
        for section in sections(text)
        if section.heading != HEADERS_FOOTERS
    ]


def _blocks(lines: Iterable[str]) -> Iterator[Block]:
    for kind, group in itertools.groupby((ln for ln in lines if ln.strip()), key=_kind):
        if kind == "tableau":
            yield Block(kind, rows=tuple(_cells(line) for line in group))
        elif kind == "liste":
            yield Block(kind, tuple(line[2:].strip() for line in group))
        else:
            yield from (Block(kind, (line.lstrip("#").strip(),)) for line in group)


def _kind(line: str) -> BlockKind:
    """What a line of the text view is: ``| a | b |`` a table row, ``- x`` a list item,
    ``### x`` a sub-heading (see ``wordml.text``)."""
    if line.startswith("| ") and line.endswith(" |"):
        return "tableau"
    if line.startswith("- "):
        return "liste"
    return "intertitre" if line.startswith("#") else "paragraphe"


def _cells(line: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in line[2:-2].split(" | "))

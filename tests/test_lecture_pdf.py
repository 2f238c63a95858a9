"""The examples looked at as a person looks at them, in the PDF LibreOffice prints: no
word broken inside a table cell, no page holding signature blocks without the « Fait
à … » line that introduces them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, example, render
from lxml import etree
from office import convert_to_pdf, needs_office, pdf_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_EDGES = "()[]«»\"'’,;:.!?…"
_SIGNING = re.compile(r"^Fait (à|le) ", re.MULTILINE)
_SIGNATURE_FIELD = re.compile(r"^Signature( et cachet)?\s*:", re.MULTILINE)

pytestmark = pytest.mark.bureautique


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each example as .docx and as the PDF LibreOffice makes of it (one conversion)."""
    folder = tmp_path_factory.mktemp("lecture")
    documents = []
    for path in EXAMPLES:
        document = folder / f"{path.stem}.docx"
        document.write_bytes(render(example(path.stem)))
        documents.append(document)
    convert_to_pdf(documents, folder)
    return {d.stem: (d, d.with_suffix(".pdf")) for d in documents}


def _body(document: Path) -> tuple[str, set[str]]:
    """The body's text (one paragraph a line) and the words of its table cells."""
    with zipfile.ZipFile(document) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    words: set[str] = set()
    for cell in root.iter(f"{W}tc"):
        words |= {w.strip(_EDGES) for w in _SPACES.split(_text(cell))}
    # « 1er »: its superscript « er » is printed apart by pdftotext.
    return _SPACES.sub(" ", _text(root)), {w for w in words if len(w) > 1 and w != "1er"}


def _text(element: etree._Element) -> str:
    return " ".join(
        "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
        for paragraph in element.iter(f"{W}p")
    )


_CUT = "\x00"  # where a line ended on a hyphen


def _reading(pdf: Path) -> str:
    """The PDF's text, each line end after a hyphen marked: there a word may continue
    (« profes-|sionnels », hyphenation) or a compound word go on (« Seine-|Saint-Denis »)."""
    return _SPACES.sub(" ", re.sub(r"-\n", _CUT, pdf_text(pdf)))


def _printed_whole(word: str, reading: str) -> int:
    """How many times ``word`` is printed whole, hyphenation at line ends aside
    (pdftotext also drops the hyphen of a compound word cut at a line end)."""
    parts = ["(?:-|\x00)?" if c == "-" else re.escape(c) for c in word]
    return len(re.findall("\x00?".join(parts), reading))


@needs_office
@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_no_word_is_broken_inside_a_table_cell(
    printed: dict[str, tuple[Path, Path]], name: str
) -> None:
    document, pdf = printed[name]
    text, words = _body(document)
    reading = _reading(pdf)
    # A word of a cell printed whole fewer times than the document holds it was cut in
    # two somewhere (« profession|nels »): the same word elsewhere cannot hide it.
    broken = sorted(w for w in words if _printed_whole(w, reading) < text.count(w))
    assert broken == [], f"{name} : mots coupés dans un tableau : {broken}"


@needs_office
@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_no_page_holds_signature_blocks_without_the_signing_line(
    printed: dict[str, tuple[Path, Path]], name: str
) -> None:
    pages = pdf_text(printed[name][1]).split("\f")
    with_blocks = [n for n, page in enumerate(pages, 1) if _SIGNATURE_FIELD.search(page)]
    assert with_blocks, f"{name} : aucun bloc de signature trouvé"
    for number in with_blocks:
        assert _SIGNING.search(pages[number - 1]), (
            f"{name} : la page {number} ne porte que des blocs de signature, sans « Fait à »"
        )

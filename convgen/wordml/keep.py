"""The signatures never stand alone on their page: the last lines of the text go with them.

A signature page that holds nothing but « Fait à … » and the signatures can be detached
from the agreement and put under another text; lawyers ask for the end of the last
clause on the page that is signed. The signatures fragment keeps its own paragraphs with
its table (« Fait à … », the signing mention: ``keepNext``), but what comes before it is
the template's last article, whose last paragraph depends on the answers (an optional
list, a conditional sentence). Once a part is rendered, ``apply`` gives that paragraph
``keepNext`` too, so Word and LibreOffice move at least its last lines (widow control)
onto the signatures' page.

The signatures table is found by its style (``SignatureTable``, that of the templates'
signatures fragment); a part without one is left as it is. Paragraphs already kept with
the next are walked over, and empty ones (a spacing line) are kept too, so that the words
kept are the text's and no page breaks in between. A table or a section's end before the
chain stops the search. Only the chain before the table is touched.
"""

from __future__ import annotations

import re

SIGNATURE_TABLE = '<w:tblStyle w:val="SignatureTable"/>'
_KEEP = "<w:keepNext/>"
_TABLE_START = "<w:tbl>"
_PARAGRAPH_END = "</w:p>"
_SECTION = "<w:sectPr"
_EMPTY_PARAGRAPH = "<w:p/>"
_EMPTY_PROPERTIES = "<w:pPr/>"
_ANY_KEEP = re.compile(r"<w:keepNext [^>]*/>")
_STYLE = re.compile(r"<w:pStyle [^>]*/>")
_TEXT = re.compile(r"<w:t(?: [^>]*)?>[^<]")

# Paragraphs walked back over at most: the fragment's own (« Fait à », the mention)
# and a few empty lines. A longer chain is the template's choice, not changed.
_MOST = 6


def apply(xml: str) -> str:
    """``xml`` (a rendered body) with the paragraph before each signatures table's chain
    of kept paragraphs kept with it, and the empty lines between them too."""
    found = xml.find(SIGNATURE_TABLE)
    if found < 0:
        return xml
    pieces: list[str] = []
    start = 0
    while found >= 0:
        table = xml.rfind(_TABLE_START, start, found)
        if table < 0:
            break
        for begin, end in _to_keep(xml, start, table):
            pieces.append(xml[start:begin])
            pieces.append(_kept(xml[begin:end]))
            start = end
        found = xml.find(SIGNATURE_TABLE, found + len(SIGNATURE_TABLE))
    pieces.append(xml[start:])
    return "".join(pieces)


def _to_keep(xml: str, floor: int, end: int) -> list[tuple[int, int]]:
    """The paragraphs to keep with the next, in order: the last one before ``end`` that
    holds text and is not already kept, and the empty lines after it (a page could break
    at one of them). None if something else comes first: a table, a paragraph that
    ends a section."""
    empty: list[tuple[int, int]] = []
    for _ in range(_MOST):
        if xml.endswith(_EMPTY_PARAGRAPH, floor, end):
            empty.append((end - len(_EMPTY_PARAGRAPH), end))
            end -= len(_EMPTY_PARAGRAPH)
            continue
        if not xml.endswith(_PARAGRAPH_END, floor, end):
            return []
        begin = _paragraph_start(xml, floor, end)
        if begin is None:
            return []
        paragraph = xml[begin:end]
        properties = _properties(paragraph)
        if _SECTION in properties:
            return []
        if _KEEP in properties:
            end = begin
            continue
        if _TEXT.search(paragraph):
            return [(begin, end), *reversed(empty)]
        empty.append((begin, end))
        end = begin
    return []


def _paragraph_start(xml: str, floor: int, end: int) -> int | None:
    """The start of the paragraph that ends at ``end`` (paragraphs do not nest in a body,
    but a text box's may: then None)."""
    closing = end - len(_PARAGRAPH_END)
    begin = max(xml.rfind("<w:p>", floor, closing), xml.rfind("<w:p ", floor, closing))
    if begin < 0 or xml.find(_PARAGRAPH_END, begin, closing) >= 0:
        return None
    return begin


def _properties(paragraph: str) -> str:
    """The paragraph's own properties (``<w:pPr>…</w:pPr>``), or an empty string."""
    if not paragraph.startswith("<w:pPr>", paragraph.find(">") + 1):
        return ""
    return paragraph[: paragraph.find("</w:pPr>")]


def _kept(paragraph: str) -> str:
    """``paragraph`` with ``keepNext``, where the schema puts it: after the style."""
    if paragraph == _EMPTY_PARAGRAPH:
        return f"<w:p><w:pPr>{_KEEP}</w:pPr></w:p>"
    opened = paragraph.find(">") + 1
    if paragraph.startswith(_EMPTY_PROPERTIES, opened):
        rest = paragraph[opened + len(_EMPTY_PROPERTIES) :]
        return f"{paragraph[:opened]}<w:pPr>{_KEEP}</w:pPr>{rest}"
    if not paragraph.startswith("<w:pPr>", opened):
        return f"{paragraph[:opened]}<w:pPr>{_KEEP}</w:pPr>{paragraph[opened:]}"
    if _ANY_KEEP.search(paragraph, opened, paragraph.find("</w:pPr>")):  # w:val="0"
        return _ANY_KEEP.sub(_KEEP, paragraph, count=1)
    inside = opened + len("<w:pPr>")
    style = _STYLE.match(paragraph, inside)
    at = style.end() if style else inside
    return paragraph[:at] + _KEEP + paragraph[at:]

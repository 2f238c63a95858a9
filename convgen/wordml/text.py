"""Text view of a .docx: body, tables, headers and footers, in reading order.

Headings are marked like Markdown (« ## Article 2 – Objet »), list items with
« - », table rows with « | »: stable enough for golden files and ``git diff``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from lxml import etree

from convgen.wordml.namespaces import W
from convgen.wordml.package import (
    TEXT_PROPERTY,
    ParsedPart,
    custom_properties_of,
    parse_part,
    read_package,
    text_digest,
)

_MARKS = {
    "Title": "# ",
    "Heading1": "## ",
    "AnnexTitle": "## ",
    "Heading2": "### ",
    "ListBullet": "- ",
}
HEADER, FOOTER = "[en-tête] ", "[pied de page] "
SIGNATURES = "Signatures"
HEADERS_FOOTERS = "En-tête et pied de page"
_NUMBERED = re.compile(r"(Article|Annexe) (\S+) – (.+)")
_CLOSING = re.compile(r"Fait (à|le|aux) ")


def docx_text(data: bytes, source: str = "<document>") -> str:
    """The text of a .docx, one paragraph per line. Raises TemplateError if unreadable."""
    parts = read_package(data, source)
    lines: list[str] = []
    for name in _parts_named(parts, "word/header"):
        lines += [f"{HEADER}{line}" for line in _part_lines(parts, name, source) if line]
    lines += _part_lines(parts, "word/document.xml", source)
    for name in _parts_named(parts, "word/footer"):
        lines += [f"{FOOTER}{line}" for line in _part_lines(parts, name, source) if line]
    return "\n".join(lines) + "\n"


def _parts_named(parts: Mapping[str, bytes], prefix: str) -> list[str]:
    return sorted(name for name in parts if name.startswith(prefix) and name.endswith(".xml"))


def _part_lines(parts: dict[str, bytes], name: str, source: str) -> list[str]:
    root = parse_part(parts[name], source, name)
    container = root.find(f"{W}body")
    return list(_block_lines(container if container is not None else root))


def _block_lines(container: etree._Element) -> Iterator[str]:
    for child in container:
        if child.tag == f"{W}p":
            yield _mark(child) + paragraph_text(child)
        elif child.tag == f"{W}tbl":
            yield from _table_lines(child)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _block_lines(content)


def _table_lines(table: etree._Element) -> Iterator[str]:
    for row in table.iter(f"{W}tr"):
        cells = [" / ".join(filter(None, _block_lines(cell))) for cell in row.iter(f"{W}tc")]
        yield "| " + " | ".join(cells) + " |"


def _mark(paragraph: etree._Element) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return _MARKS.get(style.get(f"{W}val", "") if style is not None else "", "")


def paragraph_text(paragraph: etree._Element) -> str:
    """Visible text of a paragraph: runs, tabs and breaks; deleted text left out."""
    pieces = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}delText"):
        if node.tag == f"{W}t":
            pieces.append(node.text or "")
        elif node.tag == f"{W}tab":
            pieces.append("\t")
        elif node.tag == f"{W}br":
            pieces.append("\n")
    return "".join(pieces)


SNIPPET = 70  # characters of a text quoted in a message


def snippet(text: str) -> str:
    """``text`` on one line, cut to SNIPPET characters, to be quoted in a message."""
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


@dataclass(frozen=True)
class Section:
    """A part of a text view: a level-2 heading (« ## ») and the lines up to the next one.

    ``heading`` is "" for the title block. The closing formula (« Fait à … ») and
    the signature blocks after it form the section ``SIGNATURES``; header and
    footer lines the section ``HEADERS_FOOTERS``.
    """

    heading: str
    lines: tuple[str, ...]

    @property
    def kind(self) -> str | None:
        """« Article » or « Annexe » for a numbered heading, else None."""
        match = _NUMBERED.fullmatch(self.heading)
        return match.group(1) if match else None

    @property
    def number(self) -> str | None:
        match = _NUMBERED.fullmatch(self.heading)
        return match.group(2) if match else None

    @property
    def title(self) -> str:
        match = _NUMBERED.fullmatch(self.heading)
        return match.group(3) if match else self.heading

    @property
    def body(self) -> tuple[str, ...]:
        """The lines that say something: neither blank nor sub-headings."""
        return tuple(line for line in self.lines if line.strip() and not line.startswith("#"))


def sections(text: str) -> list[Section]:
    """Split a text view (``docx_text``) into sections, in reading order."""
    found: list[tuple[str, list[str]]] = [("", [])]
    margins: list[str] = []
    for line in text.splitlines():
        if line.startswith((HEADER, FOOTER)):
            margins.append(line)
        elif line.startswith("## "):
            found.append((line[3:], []))
        elif _CLOSING.match(line) and found[-1][0] != SIGNATURES:
            found.append((SIGNATURES, [line]))
        else:
            found[-1][1].append(line)
    if margins:
        found.append((HEADERS_FOOTERS, margins))
    return [Section(heading, tuple(lines)) for heading, lines in found]


def content_words(
    parts: Mapping[str, bytes],
    source: str = "<document>",
    trees: Mapping[str, ParsedPart] | None = None,
) -> str:
    """The words of a document (headers, body, tables, footers) with nothing else: no
    styles, no field results (page numbers, which a word processor recomputes), spaces
    collapsed. Equal for a document and its re-save by Word or LibreOffice; different as
    soon as a word changes.

    ``trees`` may give parts already parsed, with their bytes: a tree is used only for
    the very bytes it was parsed from."""
    names = [
        *_parts_named(parts, "word/header"),
        "word/document.xml",
        *_parts_named(parts, "word/footer"),
    ]
    words: list[str] = []
    for name in names:
        if name not in parts:
            continue
        data = parts[name]
        known = trees.get(name) if trees is not None else None
        tree = known[1] if known is not None and known[0] is data else None
        root = tree if tree is not None else parse_part(data, source, name)
        words += _visible_words(root, fields=b"fldChar" in data or b"fldSimple" in data)
    return " ".join(words)


_TEXT, _FIELD_CHAR, _SIMPLE_FIELD = f"{W}t", f"{W}fldChar", f"{W}fldSimple"
_SEPARATING = (f"{W}p", f"{W}tab", f"{W}br", f"{W}tc")  # each one a space between words


def _visible_words(root: etree._Element, fields: bool = True) -> list[str]:
    """The words of a part; ``fields``: whether it may hold fields (False only when
    its XML names neither w:fldChar nor w:fldSimple, then every text is visible)."""
    if not fields:  # most bodies: one pass without the field bookkeeping
        return "".join(
            [
                (node.text or "") if node.tag == _TEXT else " "
                for node in root.iter(_TEXT, *_SEPARATING)
            ]
        ).split()
    pieces: list[str] = []
    depth = 0  # > 0 inside the result of a complex field (between « separate » and « end »)
    # The text of simple fields (page numbers…), found once rather than by looking up
    # the ancestors of every text node.
    in_simple_fields = {text for field in root.iter(_SIMPLE_FIELD) for text in field.iter(_TEXT)}
    for node in root.iter(_TEXT, _FIELD_CHAR, *_SEPARATING):
        tag = node.tag
        if tag == _TEXT:
            if depth == 0 and node not in in_simple_fields:
                pieces.append(node.text or "")
        elif tag == _FIELD_CHAR:
            kind = node.get(f"{W}fldCharType")
            depth = (
                depth + 1 if kind == "separate" else max(depth - 1, 0) if kind == "end" else depth
            )
        else:
            pieces.append(" ")
    return "".join(pieces).split()


def words_kept(data: bytes, source: str = "<document>") -> bool:
    """Whether a .docx made by convgen still holds the words it was made with: the text
    fingerprint it carries (``TEXT_PROPERTY``) is that of its words and provenance now,
    as after a re-save by Word or LibreOffice that changed no word (a change of layout
    or style keeps it too). False for a document without one. Raises TemplateError if
    it is not a readable .docx."""
    parts = read_package(data, source)
    properties = custom_properties_of(parts, source)
    recorded = properties.get(TEXT_PROPERTY)
    return recorded is not None and recorded == text_fingerprint(parts, properties, source)


def text_fingerprint(
    parts: Mapping[str, bytes],
    properties: Mapping[str, str],
    source: str = "<document>",
    trees: Mapping[str, ParsedPart] | None = None,
) -> str:
    """The text fingerprint (``TEXT_PROPERTY``) of a document's parts and provenance:
    written when it is made, recomputed to tell a re-save from an edit."""
    return text_digest(content_words(parts, source, trees), properties)

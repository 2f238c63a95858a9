"""Where something is in a Word template, said the way its author sees it: a Jinja
source line found again among the template's paragraphs (see wordml.paragraphs)."""

from __future__ import annotations

import re

from convgen.wordml.paragraphs import Paragraph
from convgen.wordml.text import snippet

_TAGS = re.compile(r"<[^>]+>")


def source_line_text(source: str, line: int) -> str:
    """Visible text of one line of a Jinja source (one paragraph per line)."""
    lines = source.splitlines()
    return _TAGS.sub("", lines[line - 1]) if 0 < line <= len(lines) else ""


_EDGE_BLOCKS = re.compile(r"^(\s*\{%.*?%\})+|(\{%.*?%\}\s*)+$")


def locate(found: list[Paragraph], text: str, part: str = "") -> str:
    """Describe the paragraph whose text matches ``text`` (a Jinja source line).

    Block tags at either end of the line belong to neighbouring ``{%p %}`` paragraphs,
    which docxtpl folded into this line: they are left out of the match.
    """
    wanted = " ".join(_EDGE_BLOCKS.sub("", text).split())
    for paragraph in found:
        if wanted and wanted in " ".join(paragraph.text.split()):
            return paragraph.describe(part)
    return f"{part + ', ' if part else ''}paragraphe « {snippet(wanted)} »"

"""Quotation marks inside quotation marks.

A template quotes an answer: « pour l'habilitation « {{ objet }} » ». When the answer
holds a quotation of its own (an association's name, « L'Aube »), the document would
read « … l'association « L'Aube » » : French typography sets the inner quotation in
English quotation marks, without spaces (« … l'association “L'Aube” »). Once a part is
rendered, in each paragraph, a pair of guillemets inside another pair becomes “ ”, and
the no-break spaces just inside it go. Nothing changes in a paragraph whose guillemets
do not all pair (a slip would make the wrong ones nest), nor in one without nesting,
nor in one that holds right-to-left text (Arabic, Hebrew) or direction marks: there
the quotation marks and the spaces around them are ordered by the bidirectional
algorithm, and are left as typed.
"""

from __future__ import annotations

import re
import unicodedata

from convgen.chars import NBSP, NNBSP

# Two openings without a closing between them: the only way guillemets nest (a fast
# negative over the whole part; paragraphs are looked at only when it matches).
_NESTED = re.compile("«[^»]*«")
_PARAGRAPH = re.compile(r"<w:p[ >](?:(?!<w:p[ >]).)*?</w:p>", re.DOTALL)
_TEXT = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")
_INSIDE = (NBSP, NNBSP, " ")
_RIGHT_TO_LEFT = frozenset({"R", "AL", "RLE", "RLO", "RLI"})


def apply(xml: str) -> str:
    """A rendered part whose nested quotations are in English quotation marks."""
    if _NESTED.search(xml) is None:
        return xml
    return _PARAGRAPH.sub(_unnested, xml)


def _unnested(paragraph: re.Match[str]) -> str:
    xml = paragraph.group()
    if xml.count("«") < 2:
        return xml
    texts = list(_TEXT.finditer(xml))
    chars = [[*match.group(2)] for match in texts]  # one list of characters per w:t
    if any(unicodedata.bidirectional(c) in _RIGHT_TO_LEFT for text in chars for c in text):
        return xml
    flat = [(run, index) for run, text in enumerate(chars) for index in range(len(text))]
    nested = _nested_pairs([chars[run][index] for run, index in flat])
    if nested is None:
        return xml
    for opening, closing in nested:
        _replace(chars, flat, opening, "“", +1)
        _replace(chars, flat, closing, "”", -1)
    pieces: list[str] = []
    last = 0
    for match, text in zip(texts, chars, strict=True):
        pieces += (xml[last : match.start(2)], "".join(text))
        last = match.end(2)
    pieces.append(xml[last:])
    return "".join(pieces)


def _nested_pairs(text: list[str]) -> list[tuple[int, int]] | None:
    """(opening, closing) positions of the pairs inside another pair; None when the
    guillemets do not all pair (a closing without opening, an opening left unclosed):
    which pairs nest is then unknown."""
    open_at: list[int] = []
    nested = []
    for position, char in enumerate(text):
        if char == "«":
            open_at.append(position)
        elif char == "»":
            if not open_at:
                return None
            opening = open_at.pop()
            if open_at:
                nested.append((opening, position))
    return None if open_at else nested


def _replace(
    chars: list[list[str]], flat: list[tuple[int, int]], at: int, mark: str, inward: int
) -> None:
    """The guillemet at ``at`` becomes ``mark``; the spaces next to it, on the side of
    the quotation (``inward``: +1 after it, -1 before it), go."""
    run, index = flat[at]
    chars[run][index] = mark
    step = at + inward
    while 0 <= step < len(flat):
        run, index = flat[step]
        if chars[run][index] not in _INSIDE:
            break
        chars[run][index] = ""
        step += inward

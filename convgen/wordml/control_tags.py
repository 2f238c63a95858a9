"""docxtpl's control tags that take their whole element, and the text they would lose.

A ``{%p … %}`` tag stands for its paragraph, ``{%tr … %}`` for its table row,
``{%tc … %}`` for its cell and ``{%r … %}`` for its run (``{{p …}}`` and ``{#p … #}``
alike): docxtpl's ``patch_xml`` replaces the element by the first such tag in it, so
everything else there (text, ``{{ expressions }}``, other tags) is dropped without a
word. ``lost_beside_tags`` finds it in a template part before that happens; the
preparation of a template refuses it and the template check locates it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from convgen.wordml.namespaces import W
from convgen.wordml.text import snippet

# In docxtpl's order: a row replaced takes its cells, paragraphs and runs with it.
_KINDS = ("tr", "tc", "p", "r")


def _pattern(kind: str) -> re.Pattern[str]:
    """docxtpl's own: ``{%p `` or ``{{p `` up to the first ``%}`` or ``}}``, and
    ``{#p … #}`` (not for runs)."""
    tag = r"\{[%{]" + kind + r" [^}%]*(?:%\}|\}\})"
    if kind != "r":
        tag += r"|\{#" + kind + r" [^}#]*#\}"
    return re.compile(tag)


_TAGS = {kind: _pattern(kind) for kind in _KINDS}
_WHAT = {
    "p": ("son paragraphe", "tout le paragraphe", "seule dans son paragraphe"),
    "tr": (
        "sa ligne de tableau",
        "toute la ligne",
        "seule dans sa ligne, les autres cellules vides",
    ),
    "tc": ("sa cellule", "toute la cellule", "seule dans sa cellule"),
    "r": ("son segment de texte", "tout le segment", "dans un segment à part"),
}


@dataclass(frozen=True)
class Lost:
    """Text that docxtpl would drop: ``element`` (a w:p, w:tr, w:tc or w:r) is replaced
    by ``tag``, and ``text`` (what else it holds, spaces trimmed) goes with it."""

    element: etree._Element
    kind: str
    tag: str
    text: str

    def message(self) -> str:
        shares, drops, alone = _WHAT[self.kind]
        return (
            f"le texte « {snippet(self.text)} » partage {shares} avec la balise "
            f"« {snippet(self.tag)} » : docxtpl supprimerait {drops} et ce texte "
            f"manquerait au document ; placez la balise {alone}"
        )


def lost_beside_tags(root: etree._Element) -> Iterator[Lost]:
    """Every element of a template part that a control tag would replace while it holds
    something else, in docxtpl's order (rows, cells, paragraphs, runs); an element
    inside one already replaced is not looked at again."""
    replaced: set[etree._Element] = set()
    for kind in _KINDS:
        pattern = _TAGS[kind]
        for element in root.iter(f"{W}{kind}"):
            text = _text(element)
            match = pattern.search(text)
            if match is None or any(a in replaced for a in element.iterancestors()):
                continue
            replaced.add(element)
            rest = (text[: match.start()] + text[match.end() :]).strip()
            if rest:
                yield Lost(element, kind, match.group(), rest)


def _text(element: etree._Element) -> str:
    """The text docxtpl's patterns see in an element: its runs' text, paragraphs apart."""
    pieces = []
    for node in element.iter(f"{W}t", f"{W}p"):
        if node.tag == f"{W}p":
            pieces.append("\n")
        else:
            pieces.append(node.text or "")
    return "".join(pieces)

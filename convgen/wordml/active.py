"""Active content in a Word package: what makes a word processor fetch, run or read
something outside the document when it is opened or updated.

Templates are edited files, and the documents made from them are signed: a field
that reads a local file (``INCLUDETEXT "file:///etc/passwd"``), a DDE field that
starts a program, a template or image fetched from another machine, or macros
have no place in them. They are refused with the reason, never silently kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree

from convgen.wordml.namespaces import W
from convgen.wordml.package import parse_xml

# Field codes that reach outside the document (DDE starts programs; the others read
# files or URLs when fields are updated).
_FIELDS = re.compile(r"\b(DDEAUTO|DDE|INCLUDETEXT|INCLUDEPICTURE|INCLUDE|LINK|IMPORT)\b", re.I)
_EXTERNAL = re.compile(rb"<Relationship\b[^>]*\bTargetMode\s*=\s*[\"']External[\"'][^>]*>", re.I)
_ATTRIBUTE = re.compile(rb"""\b(Type|Target)\s*=\s*["']([^"']*)["']""")
_SAFE_LINK = re.compile(rb"^(https?://|mailto:)", re.I)
_MACROS = ("vbaproject.bin", "vbadata.xml")


def package_refusal(parts: Mapping[str, bytes]) -> str | None:
    """Why the package (a template) carries active content, or None."""
    for name, data in parts.items():
        if name.rsplit("/", 1)[-1].lower() in _MACROS:
            return f"macros interdites dans un modèle (partie {name})"
        if name.endswith(".rels"):
            reason = _external_relationship(data)
            if reason:
                return f"{reason} (partie {name})"
        elif name.startswith("word/") and name.endswith(".xml") and b"instr" in data:
            try:
                code = _field_code(parse_xml(data))
            except etree.XMLSyntaxError:
                return f"XML invalide dans la partie {name}"
            if code:
                return f"champ Word « {code} » interdit (partie {name})"
    return None


def field_refusal(root: etree._Element) -> str | None:
    """Why a part (a rendered one) carries a field that reaches outside, or None."""
    code = _field_code(root)
    return f"champ Word « {code} » interdit dans le document produit" if code else None


def _field_code(root: etree._Element) -> str | None:
    """The first field instruction that reaches outside. A field's code may be split
    over several runs: the runs of a paragraph are read together."""
    instructions = [str(node.get(f"{W}instr", "")) for node in root.iter(f"{W}fldSimple")]
    # The instruction runs, gathered under each paragraph that holds them (a text box's
    # paragraph sits in another): found from the runs rather than by reading every
    # paragraph of a body that has none (« instr » is also in « instruction »).
    by_paragraph: dict[etree._Element, list[str]] = {}
    for node in root.iter(f"{W}instrText"):
        for paragraph in reversed(_paragraphs_around(node, root)):  # outer first
            by_paragraph.setdefault(paragraph, []).append(node.text or "")
    instructions += ("".join(texts) for texts in by_paragraph.values())
    for instruction in instructions:
        found = _FIELDS.search(instruction)
        if found:
            return " ".join(instruction.split())[:80]
    return None


def _paragraphs_around(node: etree._Element, root: etree._Element) -> list[etree._Element]:
    """The paragraphs holding ``node`` within ``root`` (``root`` too), innermost first."""
    found = []
    for ancestor in node.iterancestors():
        if ancestor.tag == f"{W}p":
            found.append(ancestor)
        if ancestor is root:
            break
    return found


def _external_relationship(rels: bytes) -> str | None:
    """An external target other than a web or mail link (an attached template, a
    linked image, a UNC path)."""
    for match in _EXTERNAL.finditer(rels):
        attributes = dict(_ATTRIBUTE.findall(match.group()))
        kind = attributes.get(b"Type", b"").rsplit(b"/", 1)[-1].decode("utf-8", "replace")
        target = attributes.get(b"Target", b"")
        if kind == "hyperlink" and _SAFE_LINK.match(target):
            continue
        shown = target.decode("utf-8", "replace")
        return f"relation externe interdite ({kind} vers « {shown} »)"
    return None

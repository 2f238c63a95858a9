"""Checks on the Word XML of a template, before any Jinja: what Word editing can break.

Tracked changes and comments left in, text sharing its paragraph (row, cell, run) with
a ``{%p %}`` (``{%tr``, ``{%tc``, ``{%r``) tag, which docxtpl deletes with it, tags cut
across paragraphs, typographic quotes inside tags (docxtpl turns ’ into '), a no-break
space after ``{%p``, blocks opened with one kind (``{%tr``) and closed with another
(``{%p``) or spanning paragraphs without taking them whole, article numbers typed by
hand, and tags in footnotes, which are never rendered. The template check reports
them all; preparing a template refuses the errors (rendering.prepared).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from lxml import etree

from convgen.errors import Severity
from convgen.wordml.control_tags import lost_beside_tags
from convgen.wordml.namespaces import W
from convgen.wordml.package import parse_xml
from convgen.wordml.paragraphs import Paragraph, part_label
from convgen.wordml.text import paragraph_text, snippet

_REVISIONS = ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange")
_COMMENTS = ("commentRangeStart", "commentReference")
_BLOCK = re.compile(r"\{%-?\s*(?:(p|tr|tc|r)\s+)?(for|if|endfor|endif)\b")
_TYPOGRAPHIC = re.compile(r"\{[{%][^}%]*[’‘“”][^}%]*[}%]\}")
_HAND_NUMBER = re.compile(r"^\s*(Article|Annexe)\s+(\d+|1er|premier)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    severity: Severity
    where: str
    message: str


def check_part(root: etree._Element, found: list[Paragraph], part: str) -> Iterator[Finding]:
    """Every structural problem of one template part (body, header, footer, fragment)."""
    label = part_label(part)
    yield from _revisions(root, label)
    yield from _lost_beside_tags(root, found, label)
    yield from _cut_tags(found, label)
    yield from _typographic_quotes(found, label)
    yield from _spaces_in_tags(found, label)
    yield from _blocks(found, label)
    yield from _hand_numbers(found, label)


# Parts that may hold text but that convgen does not render (it renders the body, the
# headers and the footers): a tag there would be printed as typed.
_UNRENDERED = {"word/footnotes.xml": "note de bas de page", "word/endnotes.xml": "note de fin"}


def unrendered_tags(package: Mapping[str, bytes]) -> Iterator[Finding]:
    """Tags in a template's footnotes or endnotes, which no document would fill in."""
    for name, label in _UNRENDERED.items():
        data = package.get(name)
        if data is None or b"{" not in data:
            continue
        try:
            root = parse_xml(data)
        except etree.XMLSyntaxError:
            continue  # not a part Word wrote: the package check speaks for it
        for element in root.iter(f"{W}p"):
            text = paragraph_text(element)
            if "{{" in text or "{%" in text:
                yield Finding(
                    Severity.ERREUR,
                    f"{label}, paragraphe « {snippet(text)} »",
                    f"balise dans une {label} : convgen ne remplit que le corps du document, "
                    "ses en-têtes et ses pieds de page, et la balise serait imprimée telle "
                    "quelle ; écrivez ce texte dans le corps du document",
                )


def _revisions(root: etree._Element, label: str) -> Iterator[Finding]:
    for name in _REVISIONS:
        if root.find(f".//{W}{name}") is not None:
            yield Finding(
                Severity.ERREUR,
                label or "document",
                "modifications suivies non acceptées : acceptez-les ou refusez-les "
                "dans Word avant d'utiliser le modèle",
            )
            break
    if any(root.find(f".//{W}{name}") is not None for name in _COMMENTS):
        yield Finding(
            Severity.ERREUR,
            label or "document",
            "commentaires laissés dans le modèle : supprimez-les, ils seraient "
            "recopiés dans chaque document",
        )


def _lost_beside_tags(
    root: etree._Element, found: list[Paragraph], label: str
) -> Iterator[Finding]:
    """Text sharing its paragraph, row, cell or run with a ``{%p``/``{%tr``/``{%tc``/
    ``{%r`` tag, which docxtpl drops: located at the paragraph that holds it (the
    first of a row or cell)."""
    for lost in lost_beside_tags(root):
        element = lost.element
        if element.tag == f"{W}r":
            element = next(element.iterancestors(f"{W}p"), element)
        inside = {element, *element.iter(f"{W}p")}
        where = next((p for p in found if p.element in inside), None)
        yield Finding(
            Severity.ERREUR,
            where.describe(label) if where is not None else label or "document",
            lost.message(),
        )


def _cut_tags(found: list[Paragraph], label: str) -> Iterator[Finding]:
    for paragraph in found:
        text = paragraph.text
        if text.count("{{") != text.count("}}") or text.count("{%") != text.count("%}"):
            yield Finding(
                Severity.ERREUR,
                paragraph.describe(label),
                "balise coupée : une balise commence dans ce paragraphe et se termine "
                "dans un autre (ou n'est pas fermée)",
            )


def _typographic_quotes(found: list[Paragraph], label: str) -> Iterator[Finding]:
    return _matches(
        found,
        label,
        _TYPOGRAPHIC,
        Severity.AVERTISSEMENT,
        lambda tag: (
            f"apostrophe ou guillemet typographique dans la balise « {snippet(tag)} » : "
            "docxtpl le remplace par un caractère droit ; écrivez ' ou \" dans les balises"
        ),
    )


def _matches(
    found: list[Paragraph],
    label: str,
    pattern: re.Pattern[str],
    severity: Severity,
    say: Callable[[str], str],
) -> Iterator[Finding]:
    """A finding for each paragraph where ``pattern`` matches, worded by ``say`` from
    the text it matched."""
    for paragraph in found:
        match = pattern.search(paragraph.text)
        if match:
            yield Finding(severity, paragraph.describe(label), say(match.group()))


# docxtpl knows « {%p » only followed by an ordinary space: Word often types a no-break
# one there (Jinja reads one elsewhere in a tag as a space).
_LETTER_NBSP = re.compile("\\{[{%#](?:p|tr|tc|r)[\u00a0\u202f][^}%#]*[}%#]\\}")


def _spaces_in_tags(found: list[Paragraph], label: str) -> Iterator[Finding]:
    """A no-break space after the letter of a ``{%p``, ``{%tr``, ``{%tc`` or ``{%r`` tag:
    docxtpl does not see the tag, and Jinja reports an unknown tag « p »."""
    return _matches(
        found,
        label,
        _LETTER_NBSP,
        Severity.ERREUR,
        lambda tag: (
            f"espace insécable dans la balise « {snippet(_marked(tag))} » : Word en "
            "met souvent une en cours de frappe, et docxtpl ne reconnaît la balise que suivie "
            "d'une espace ordinaire ; remplacez-la"
        ),
    )


def _edges(text: str, match: re.Match[str]) -> tuple[bool, bool]:
    """Whether a tag starts its paragraph's text, and whether it ends it."""
    close = text.find("%}", match.start())
    end = len(text) if close < 0 else close + 2
    return not text[: match.start()].strip(), not text[end:].strip()


def _whole(opened: tuple[bool, bool], closed: tuple[bool, bool]) -> bool:
    """A block over paragraphs that takes them whole: both tags end their paragraphs
    (or both start them), so that nothing of one is left joined to the other."""
    return (opened[1] and closed[1]) or (opened[0] and closed[0])


def _marked(tag: str) -> str:
    """The tag with its no-break spaces made visible (a message shows them as spaces)."""
    return tag.replace("\u00a0", "[espace insécable]").replace("\u202f", "[espace fine]")


def _blocks(found: list[Paragraph], label: str) -> Iterator[Finding]:
    stack: list[tuple[str, str, Paragraph, tuple[bool, bool]]] = []
    for paragraph in found:
        for match in _BLOCK.finditer(paragraph.text):
            kind, keyword = match.group(1) or "", match.group(2)
            edges = _edges(paragraph.text, match)
            if keyword in ("for", "if"):
                stack.append((keyword, kind, paragraph, edges))
                continue
            opened = keyword[3:]
            if not stack or stack[-1][0] != opened:
                yield Finding(
                    Severity.ERREUR,
                    paragraph.describe(label),
                    f"{{% {keyword} %}} sans {{% {opened} %}} correspondant",
                )
                continue
            _, opened_kind, start, opened_edges = stack.pop()
            if opened_kind != kind:
                yield Finding(
                    Severity.ERREUR,
                    paragraph.describe(label),
                    f"bloc ouvert par {{%{opened_kind} {opened} … %}} "
                    f"(« {snippet(start.text)} ») mais fermé par "
                    f"{{%{kind} {keyword} %}} : les deux balises doivent être du même "
                    "type (p, tr, tc ou aucun)",
                )
            elif not kind and start is not paragraph and not _whole(opened_edges, edges):
                yield Finding(
                    Severity.ERREUR,
                    paragraph.describe(label),
                    f"bloc {{% {opened} … %}} ouvert dans un autre paragraphe "
                    f"(« {snippet(start.text)} ») : quand il ne s'applique pas, la fin "
                    "de l'un et le début de l'autre disparaissent et les deux paragraphes "
                    f"se fondent ; ouvrez et fermez le bloc dans le même paragraphe, ou "
                    f"utilisez {{%p {opened} … %}} et {{%p {keyword} %}}, chacune seule "
                    "dans son paragraphe",
                )
    for keyword, kind, paragraph, _ in stack:
        yield Finding(
            Severity.ERREUR,
            paragraph.describe(label),
            f"bloc {{%{kind} {keyword} … %}} jamais fermé : fermez-le par "
            f"{{%{kind} end{keyword} %}}",
        )


def _hand_numbers(found: list[Paragraph], label: str) -> Iterator[Finding]:
    for paragraph in found:
        if paragraph.style in ("Heading1", "Heading2", "AnnexTitle") and _HAND_NUMBER.match(
            paragraph.text
        ):
            yield Finding(
                Severity.ERREUR,
                paragraph.describe(label),
                "numéro d'article saisi à la main : écrivez « Article "
                "{{ articles.<clé>.numero }} » pour que la numérotation reste "
                "continue et que les renvois restent justes",
            )

"""What changed between two versions, article by article, and where the change comes from.

Works on the text views of the two documents (``wordml.text.docx_text``), split on
their level-2 headings. Articles are matched by title, not number, so an
article renumbered because an optional one came in or went out is « inchangé »
(with its former number), not « supprimé » and « ajouté ».
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from convgen.review.checklist import normalize
from convgen.review.provenance import Provenance, origin_of_change
from convgen.wordml.text import Section, sections

MODIFIED, ADDED, REMOVED, UNCHANGED = "modifié", "ajouté", "supprimé", "inchangé"


@dataclass(frozen=True)
class Change:
    label: str
    status: str
    before: str = ""

    def __str__(self) -> str:
        note = f" (anciennement {self.before})" if self.before else ""
        return f"{self.label} : {self.status}{note}"


def article_changes(old_text: str, new_text: str) -> list[Change]:
    """One change per section of either version, in reading order."""
    old, new = sections(old_text), sections(new_text)
    matcher = difflib.SequenceMatcher(None, _keys(old), _keys(new), autojunk=False)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes += [_compare(a, b) for a, b in zip(old[i1:i2], new[j1:j2], strict=True)]
        else:
            changes += [Change(_label(s), REMOVED) for s in old[i1:i2]]
            changes += [Change(_label(s), ADDED) for s in new[j1:j2]]
    return changes


def _keys(found: Sequence[Section]) -> list[str]:
    """Section identities: kind and title without number, made unique by occurrence."""
    seen: dict[str, int] = {}
    keys = []
    for section in found:
        key = f"{section.kind or ''}|{normalize(section.title)}"
        seen[key] = seen.get(key, 0) + 1
        keys.append(f"{key}|{seen[key]}")
    return keys


def _compare(old: Section, new: Section) -> Change:
    status = UNCHANGED if old.lines == new.lines else MODIFIED
    before = ""
    if old.number != new.number and old.kind is not None:
        before = f"{old.kind.lower()} {old.number}"
    return Change(_label(new), status, before)


def _label(section: Section) -> str:
    return section.heading or "Titre du document"


def origin(old: Provenance, new: Provenance) -> Iterator[str]:
    """French sentences on where the changes come from, read from both provenances."""
    if not (old.present and new.present):
        yield "Origine des changements : inconnue (un des documents n’a pas de provenance convgen)."
        return
    causes = origin_of_change(old.properties, new.properties)
    if causes:
        yield "Origine des changements : " + ", ".join(causes) + "."
    else:
        yield "Origine des changements : mêmes données, même modèle et même moteur."
    for name, provenance in (("ancien", old), ("nouveau", new)):
        if not provenance.intact:
            yield f"Attention : le document {name} a été modifié après sa génération."

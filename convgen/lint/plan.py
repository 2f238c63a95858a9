"""The articles a template prints must follow its document type's plan.

Numbers are computed from the plan (convgen/context/<type>.py): a heading missing from
the template, an extra one, or headings in another order would print wrong numbers and
wrong cross-references. Titles should match the plan, which the review pack quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from convgen.documents.articles import ArticleSpec
from convgen.errors import Severity
from convgen.wordml.paragraphs import Paragraph
from convgen.wordml.structure import Finding

_HEADING = re.compile(r"(Article|Annexe) \{\{ (articles|annexes)\.(\w+)\.(?:numero|n) \}\} – (.*)")
_INCLUDE = re.compile(r"\{%p\s+include\s+[\"“”'‘’]([^\"“”'‘’]+)[\"“”'‘’]\s*%\}")


def headings(
    found: Sequence[Paragraph], fragments: Mapping[str, list[Paragraph]], kind: str
) -> list[tuple[str, str, Paragraph]]:
    """(key, title, paragraph) of every article or annex heading, includes expanded."""
    result: list[tuple[str, str, Paragraph]] = []
    for paragraph in found:
        include = _INCLUDE.search(paragraph.text)
        if include and include.group(1) in fragments:
            result += headings(fragments[include.group(1)], {}, kind)
            continue
        match = _HEADING.fullmatch(paragraph.text.strip())
        if match and match.group(2) == kind:
            result.append((match.group(3), match.group(4).strip(), paragraph))
    return result


_ELSE_BRANCH = re.compile(r"\{%-?\s*else\s*-?%\}.*?\{%-?\s*endif\s*-?%\}", re.DOTALL)
_TAG = re.compile(r"\{%.*?%\}", re.DOTALL)


def full_title(title: str) -> str:
    """A heading that leaves words out when the text it announces is absent (« Adhésion
    et retrait » without exclusion) is checked in its fullest wording: every ``if``
    branch taken, no ``else`` branch."""
    return _TAG.sub("", _ELSE_BRANCH.sub("", title))


def check_plan(
    found: Sequence[Paragraph],
    fragments: Mapping[str, list[Paragraph]],
    kind: str,
    plan: Sequence[ArticleSpec],
) -> Iterator[Finding]:
    """The template's headings of ``kind`` (articles or annexes) against ``plan``."""
    printed = headings(found, fragments, kind)
    keys = [key for key, _, _ in printed]
    expected = {spec.key: spec for spec in plan}
    met: set[str] = set()
    for key, title, paragraph in printed:
        spec = expected.get(key)
        if spec is None:
            yield Finding(
                Severity.ERREUR,
                paragraph.describe(),
                f"« {kind}.{key} » n'est pas dans le plan du document : ajoutez "
                "l'article au plan (convgen/context) ou corrigez la clé",
            )
        elif full_title(title) != spec.title:
            yield Finding(
                Severity.AVERTISSEMENT,
                paragraph.describe(),
                f"titre « {title} » différent de celui du plan « {spec.title} », "
                "que cite la relecture juridique",
            )
        if key in met:
            yield Finding(
                Severity.ERREUR, paragraph.describe(), f"« {kind}.{key} » apparaît deux fois"
            )
        met.add(key)
    for spec in plan:
        if spec.key not in keys:
            yield Finding(
                Severity.ERREUR,
                "document",
                f"l'article « {spec.title} » ({kind}.{spec.key}) du plan n'a pas de "
                "titre dans le modèle",
            )
    order = [spec.key for spec in plan if spec.key in keys]
    seen = list(dict.fromkeys(k for k in keys if k in expected))
    if seen != order:
        yield Finding(
            Severity.ERREUR,
            "document",
            f"les titres ne suivent pas l'ordre du plan ({', '.join(order)}) : la "
            "numérotation serait fausse",
        )

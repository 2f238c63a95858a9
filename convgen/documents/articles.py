"""Article and annex numbering: computed, without gaps, from the document's own plan.

Each document type declares its articles in order; optional ones say which
input includes them. Templates print ``articles.<key>.numero`` in headings and
cross-references, so numbers follow the inclusion decisions everywhere, and a
reference to a left-out article fails the rendering instead of printing a
wrong number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from convgen.schema.document import Document
from convgen.wording.formatting import ordinal

D = TypeVar("D", bound=Document)


def included_when(model: type[D], test: Callable[[D], bool]) -> Callable[[Document], bool]:
    """``test``, which reads one model, as the inclusion test of an article of that type
    (false for a document of another type)."""
    return lambda document: isinstance(document, model) and test(document)


@dataclass(frozen=True)
class ArticleSpec:
    key: str
    title: str
    included: Callable[[Document], bool] | None = None
    decided_by: str | None = None
    # Shorter headings the template prints when the text they announce is absent
    # (« Adhésion et retrait » without exclusion): the review finds the article by them too.
    other_titles: tuple[str, ...] = ()

    @property
    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.other_titles)

    def applies_to(self, document: Document) -> bool:
        return self.included is None or self.included(document)


@dataclass(frozen=True)
class Article:
    key: str
    n: int
    numero: str
    titre: str

    def __str__(self) -> str:
        return self.numero


def number(specs: Sequence[ArticleSpec], document: Document) -> dict[str, Article | None]:
    """Number the included articles 1, 2, 3... in plan order (« 1er » for the first).

    Left-out articles map to None, so ``{% if articles.x %}`` is false for them and
    ``articles.x.numero`` fails the rendering.
    """
    plan: dict[str, Article | None] = {}
    index = 0
    for spec in specs:
        if spec.applies_to(document):
            index += 1
            plan[spec.key] = Article(spec.key, index, ordinal(index), spec.title)
        else:
            plan[spec.key] = None
    return plan

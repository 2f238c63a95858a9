"""Registry of document types: schema, Word template, article plan, context builder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from convgen.articles import ArticleSpec
from convgen.context import convention_partenariat as cp_context
from convgen.errors import UsageError
from convgen.schema.convention_partenariat import ConventionPartenariat

ContextBuilder = Callable[[Any, list[dict[str, Any]], bool], dict[str, Any]]


@dataclass(frozen=True)
class DocumentType:
    name: str
    label: str
    designation: str
    collective: str
    collective_feminine: bool
    each: str
    model: type[BaseModel]
    template: str
    articles: tuple[ArticleSpec, ...]
    annexes: tuple[ArticleSpec, ...]
    build_context: ContextBuilder


DOCUMENT_TYPES: dict[str, DocumentType] = {
    "convention_partenariat": DocumentType(
        name="convention_partenariat",
        label="Convention de partenariat",
        designation="la présente convention",
        collective="les Parties",
        collective_feminine=True,
        each="chaque Partie",
        model=ConventionPartenariat,
        template="convention_partenariat.docx",
        articles=cp_context.ARTICLES,
        annexes=cp_context.ANNEXES,
        build_context=cp_context.build,
    ),
}


def document_type(name: str) -> DocumentType:
    """The registered type ``name``. Raises UsageError listing the known types."""
    try:
        return DOCUMENT_TYPES[name]
    except KeyError:
        known = ", ".join(DOCUMENT_TYPES)
        raise UsageError(
            f"type de document « {name} » inconnu ; types possibles : {known}"
        ) from None

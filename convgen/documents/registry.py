"""Registry of document types: schema, Word template, article plan, context builder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from convgen.chars import NBSP
from convgen.documents.articles import ArticleSpec
from convgen.documents.context import charte_reseau as cr_context
from convgen.documents.context import convention_gcsms as gc_context
from convgen.documents.context import convention_partenariat as cp_context
from convgen.errors import UsageError
from convgen.schema.charte_reseau import CharteReseau
from convgen.schema.convention_gcsms import ConventionGcsms
from convgen.schema.convention_partenariat import ConventionPartenariat
from convgen.schema.document import Document

ContextBuilder = Callable[[Document, list[dict[str, Any]], bool], dict[str, Any]]
"""A type's own part of the template context: (document, organisations, draft) -> variables."""

D = TypeVar("D", ConventionPartenariat, CharteReseau, ConventionGcsms)


def _for_model(
    model: type[D], build: Callable[[D, list[dict[str, Any]], bool], dict[str, Any]]
) -> ContextBuilder:
    """``build``, which reads one model, as a builder of any document (checked)."""

    def checked(
        document: Document, organisations: list[dict[str, Any]], draft: bool
    ) -> dict[str, Any]:
        if not isinstance(document, model):
            raise TypeError(f"{model.__name__} expected, got {type(document).__name__}")
        return build(document, organisations, draft)

    return checked


@dataclass(frozen=True)
class DocumentType:
    name: str
    label: str
    designation: str
    collective: str
    collective_feminine: bool
    each: str
    model: type[Document]
    template: str
    articles: tuple[ArticleSpec, ...]
    annexes: tuple[ArticleSpec, ...]
    build_context: ContextBuilder
    # The type named on its own, out of any document (lists of types, help): the label
    # printed in a GCSMS's own pages does not need to say « de GCSMS ».
    full_label: str = ""

    @property
    def named(self) -> str:
        return self.full_label or self.label


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
        build_context=_for_model(ConventionPartenariat, cp_context.build),
    ),
    "charte_reseau": DocumentType(
        name="charte_reseau",
        label="Charte de réseau",
        designation="la présente charte",
        collective="les membres du réseau",
        collective_feminine=False,
        each="chaque membre",
        model=CharteReseau,
        template="charte_reseau.docx",
        articles=cr_context.ARTICLES,
        annexes=cr_context.ANNEXES,
        build_context=_for_model(CharteReseau, cr_context.build),
    ),
    "convention_constitutive_gcsms": DocumentType(
        name="convention_constitutive_gcsms",
        label="Convention constitutive",
        designation="la présente convention constitutive",
        collective="les membres",
        collective_feminine=False,
        each="chaque membre",
        model=ConventionGcsms,
        template="convention_constitutive_gcsms.docx",
        articles=gc_context.ARTICLES,
        annexes=gc_context.ANNEXES,
        build_context=_for_model(ConventionGcsms, gc_context.build),
        full_label="Convention constitutive de GCSMS",
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


def type_of(document: Document) -> DocumentType:
    """The registered type of a validated document."""
    return DOCUMENT_TYPES[document.type]


def title_of(document: Document) -> str:
    """A document named in a list, a calendar or its properties: « Convention de
    partenariat relative à … », « Charte du Réseau Santé Précarité » (a network's name
    that says « Réseau » is not said twice), « Charte du réseau « Entraide 25 » »."""
    if isinstance(document, CharteReseau):
        name = document.nom_reseau
        if name.lower().startswith(("réseau ", "reseau ")):
            return f"Charte du {name}"
        return f"Charte du réseau «{NBSP}{name}{NBSP}»"
    return f"{type_of(document).label} {document.titre}"

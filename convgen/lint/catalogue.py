"""The variables a template of each document type can use, for template authors.

Read off the context of a maximal document (every optional field filled), so the list
is always the one the engine really provides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

from convgen.documents.articles import Article
from convgen.documents.context.commun import ModelView
from convgen.documents.registry import DOCUMENT_TYPES, DocumentType
from convgen.lint.sample import sample_context
from convgen.schema.descriptions import FIELDS

# Keys computed for templates (not in the input); shown with their meaning.
COMPUTED = {
    "document": "le document : type, libelle, designation (« la présente convention »), "
    "collectif (« les Parties »), chaque, titre, reference, brouillon",
    "articles": "plan des articles : articles.<clé>.numero (« 1er », « 2 »…), .n, .titre ; "
    "vide si l’article est omis",
    "annexes": "plan des annexes : annexes.<clé>.n",
    "ref": "table des références légales (convgen/references.py)",
    "organisations": "les organisations, avec nom_court, e, forme, signe_par, delegue…",
    "signataires": "les organisations qui signent",
    "mention_signataires": "phrase imprimée au-dessus des signatures (charte signée par le "
    "comité de pilotage : « Pour le réseau, les membres du comité de pilotage »), sinon vide",
    "nom_court": "appellation, à défaut sigle ou dénomination précédés de leur article "
    "(« l’Association Les Tilleuls »)",
    "e": "« e » pour l’accord au féminin, sinon vide",
    "un_nom": "le nom de l’instance précédé de « un » ou « une » selon son genre "
    "(« une cellule d’animation »)",
    "le_nom": "le nom de l’instance précédé de son article (« la cellule d’animation », "
    "« l’assemblée des membres ») ; avec le filtre « de » : « de la cellule… »",
    "pronom": "« Il » ou « Elle », selon le genre du nom de l’instance",
    "forme": "forme juridique en toutes lettres",
    "signe_par": "la personne qui signe (signataire ou représentant légal)",
    "delegue": "vrai si un délégataire signe",
    "essms": "vrai si l’organisation gère un établissement ou service autorisé",
    "effectifs_resume": "« 12,5 ETP ; 15 salariés… »",
    "nom_complet": "civilité, prénom et nom",
    "un": "« un » ou « une », selon le genre de la nature de la délégation",
    "juridiction_deduite": "vrai si la juridiction découle de la nature des parties ou de "
    "la nature du contrat indiquée et motivée (sinon, ne nommer aucun tribunal)",
    "nom": "nom court de l’organisation désignée par le code",
    "visas": "textes visés (références légales, en toutes lettres)",
    "partage": "clause de partage d’informations : actif, flux, bases employées, rgpd…",
    "fin": "date de fin calculée",
    "indicateurs": "tous les indicateurs, avec l’objectif et le nom du responsable",
    "payeur_nom": "nom court de l’organisation qui verse (partie ou financeur)",
    "beneficiaire_nom": "nom court de l’organisation qui reçoit",
    "payeur_tiers": "vrai si le payeur est un financeur qui ne signe pas la convention",
    "sous_reserve_credits": "vrai si une partie publique verse sur un exercice postérieur "
    "à celui de la signature : « sous réserve de l’inscription des crédits "
    "correspondants à son budget »",
    "echeances_suivantes": "quand tombent les échéances d’un montant récurrent donné par sa "
    "première échéance : « le même jour de chaque mois », « à la même date chaque année »…",
}
_KINDS: list[tuple[type, str]] = [
    (bool, "booléen"),
    (Enum, "valeur (filtre libelle)"),
    (dt.date, "date"),
    (Decimal, "nombre décimal"),
    (int, "nombre"),
    (str, "texte"),
    (Article, "article"),
]


def variables(doc_type: DocumentType) -> list[tuple[str, str, str]]:
    """(path, kind, meaning) of every variable a template of ``doc_type`` can use."""
    return sorted(set(_walk(sample_context(doc_type), "", None)))


def _walk(value: Any, path: str, owner: ModelView | None) -> Iterator[tuple[str, str, str]]:
    if isinstance(value, Mapping):
        for key, child in value.items():
            child_path = f"{path}.{key}" if path else key
            view = value if isinstance(value, ModelView) else None
            meaning = f"« {child.titre} »" if isinstance(child, Article) else _meaning(key, view)
            yield (child_path, _kind(child), meaning)
            if not isinstance(child, str | Enum):
                yield from _walk(child, child_path, view)
    elif isinstance(value, list) and value:
        yield from _walk(value[0], f"{path}[]", owner)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "liste"
    if isinstance(value, Mapping):
        return "ensemble"
    return next((label for kind, label in _KINDS if isinstance(value, kind)), "valeur")


def _meaning(key: str, view: ModelView | None) -> str:
    if view is not None and key in view.source_model.model_fields:
        title, help_text = FIELDS.get(
            f"{view.source_model.__name__}.{key}", FIELDS.get(key, (key, ""))
        )
        return f"{title} — {help_text}" if help_text else title
    return COMPUTED.get(key, "")


def markdown() -> str:
    """The variables of every document type, as Markdown (docs/variables.md)."""
    lines = [
        "# Variables des modèles",
        "",
        "Liste produite par `convgen modeles variables`, d'après les types de documents "
        "de cette version de convgen.",
        "",
    ]
    for doc_type in DOCUMENT_TYPES.values():
        lines += [
            f"## {doc_type.label} (`{doc_type.name}`)",
            "",
            "| variable | nature | signification |",
            "| --- | --- | --- |",
        ]
        lines += [
            f"| `{path}` | {kind} | {meaning} |" for path, kind, meaning in variables(doc_type)
        ]
        lines.append("")
    return "\n".join(lines)

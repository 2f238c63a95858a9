"""TY-*: form of the document (domaine.md §F.2).

TY-06 and TY-08 depend on the input; the others are guaranteed by the formatting
filters and the templates, and checked on the generated documents by the tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from convgen.regles.base import (
    ALL_DOCUMENTS,
    CP,
    Finding,
    Level,
    RuleContext,
    declared_rule,
    rule,
)
from convgen.regles.texte_libre import excerpt
from convgen.schema.convention_partenariat import ConventionPartenariat
from convgen.schema.document import SharedDocument


@rule(
    "TY-06",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="C. civ. 1375 ; S34",
    title="Autant d'originaux que de parties (sauf signature électronique ou dépositaire)",
)
def originals(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    signature, parties = doc.signature, len(doc.signatories)
    if signature.electronique or signature.depositaire:
        return
    if signature.nombre_originaux < parties:
        yield Finding(
            ("signature", "nombre_originaux"),
            f"Le nombre d'exemplaires originaux ({signature.nombre_originaux}) est "
            f"inférieur au nombre de signataires ({parties}).",
        )


# Printed above the title of a convention de partenariat (the document type's label).
_HEADING = "Convention de partenariat"


@rule(
    "TY-08",
    documents={CP},
    level=Level.NC,
    source="usage rédactionnel",
    title="Titre qui complète « Convention de partenariat » sans le répéter",
    explanation="Le titre est imprimé sous « Convention de partenariat » et complète ces "
    "mots (« relative à l'accompagnement… ») : un titre qui commence par « Convention » "
    "les fait lire deux fois, en tête du document et dans ses propriétés (« Convention de "
    "partenariat » suivi du reste du titre est retiré du titre avant l'impression).",
)
def title_repeats_heading(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    if _CONVENTION.match(doc.titre):
        yield Finding(
            ("titre",),
            f"Le titre « {excerpt(doc.titre)} » commence par « Convention », déjà imprimé "
            f"au-dessus de lui (« {_HEADING} ») : écrivez seulement ce qui complète ces "
            "mots (par exemple « relative à l'accompagnement des personnes… »).",
        )


_CONVENTION = re.compile(r"\s*convention\b", re.IGNORECASE)  # « Convention-cadre » too


for _id, _title in (
    ("TY-01", "Dates « le 1er mars 2026 », mois en minuscules"),
    ("TY-02", "Espaces insécables avant ; : ! ? et dans les guillemets"),
    ("TY-03", "Articles numérotés « Article 1er », « Article 2 »… sans trou ni doublon"),
    ("TY-05", "Nombres groupés par trois, virgule décimale"),
):
    declared_rule(
        _id,
        documents=ALL_DOCUMENTS,
        level=Level.NC,
        source="usage typographique",
        title=_title,
        enforcement="modele",
    )
declared_rule(
    "TY-04",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="C. civ. 1376 ; usage",
    title="Montants en chiffres et en lettres",
    enforcement="modele",
)
declared_rule(
    "TY-07",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="pratique",
    title="Un bloc de signature par partie",
    enforcement="modele",
)

"""TY-*: form of the document (domaine.md §F.2).

Only TY-06 depends on the input; the others are guaranteed by the formatting
filters and the templates, and checked on the generated documents by the tests.
"""

from __future__ import annotations

from collections.abc import Iterator

from convgen.regles.base import ALL_DOCUMENTS, Finding, Level, RuleContext, declared_rule, rule
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

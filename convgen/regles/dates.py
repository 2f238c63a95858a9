"""Dates and terms checked before any generation (domaine.md §J.6, J.9)."""

from __future__ import annotations

from collections.abc import Iterator

from convgen.regles.base import CP, GC, Finding, Level, RuleContext, rule
from convgen.schema.convention_gcsms import ConventionGcsms, TypeDuree
from convgen.schema.convention_partenariat import ConventionPartenariat, Reconduction


@rule(
    "GC-04",
    documents={GC},
    level=Level.C,
    source="CASF R. 312-194-7 al. 1, 1°, 2°, 4° ; R. 312-194-17",
    title="Mentions obligatoires : objet, répartition des tâches, dénomination et "
    "mention, siège, membres, durée",
)
def term_of_group(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    """The other mentions are required by their fields; a fixed term needs its years.

    Checked here so that a fixed term without years is refused by ``valider``
    rather than failing inside the template (J.9, DT-03).
    """
    duree = doc.duree
    if duree.type is TypeDuree.DETERMINEE and duree.duree_annees is None:
        yield Finding(
            ("duree", "duree_annees"),
            "La durée du groupement est « déterminée » mais son nombre d'années n'est pas "
            "indiqué : renseignez duree_annees ou choisissez une durée indéterminée.",
        )


@rule(
    "DT-07",
    documents={CP},
    level=Level.C,
    source="C. civ. 1214, 1215",
    title="Tacite reconduction : durée de chaque reconduction indiquée",
)
def renewal_has_a_term(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    """Only the blocking half of DT-07; the number of renewals and the notice stay CP-10."""
    duree = doc.duree
    if duree.reconduction is Reconduction.TACITE and duree.duree_reconduction_mois is None:
        yield Finding(
            ("duree", "duree_reconduction_mois"),
            "La convention se reconduit tacitement sans durée de reconduction : à défaut, la "
            "convention reconduite serait à durée indéterminée (C. civ., art. 1214 et 1215).",
        )

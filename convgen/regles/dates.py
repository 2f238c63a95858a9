"""Dates and terms checked before any generation (domaine.md §J.6, J.9)."""

from __future__ import annotations

from collections.abc import Iterator

from convgen.errors import Severity
from convgen.regles.base import (
    ALL_DOCUMENTS,
    CP,
    GC,
    Finding,
    Level,
    RuleContext,
    declared_rule,
    rule,
)
from convgen.schema.convention_gcsms import ConventionGcsms, TypeDuree
from convgen.schema.convention_partenariat import ConventionPartenariat, Reconduction
from convgen.wording.formatting import months


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
    if duree.reconduction is not Reconduction.TACITE:
        return
    period = duree.duree_reconduction_mois
    if period is None:
        yield Finding(
            ("duree", "duree_reconduction_mois"),
            "La convention se reconduit tacitement sans durée de reconduction : à défaut, la "
            "convention reconduite serait à durée indéterminée (C. civ., art. 1214 et 1215).",
        )
        return
    in_months = duree.preavis_non_reconduction_mois
    in_days = duree.preavis_non_reconduction_jours
    too_long = None
    if in_months is not None and in_months >= period:
        too_long = "preavis_non_reconduction_mois"
    elif in_days is not None and in_days >= period * 30:
        too_long = "preavis_non_reconduction_jours"
    if too_long:
        yield Finding(
            ("duree", too_long),
            "Le préavis de non-reconduction est au moins aussi long que chaque période "
            f"reconduite ({months(period)}) : la reconduction devrait être dénoncée avant même "
            "le début de la période ; raccourcissez-le.",
            Severity.AVERTISSEMENT,
        )


declared_rule(
    "DT-03",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CASF R. 312-194-7 4° ; cohérence",
    title="Date d'effet antérieure à la date de fin ; durée d'un groupement à durée "
    "déterminée chiffrée",
    enforcement="autres_regles",
    explanation="La date de fin suit la date d'effet et un groupement à durée déterminée "
    "dit son nombre d'années, avant toute génération. Les messages portent les identifiants "
    "que leur donnent les textes : CP-09 pour l'ordre des dates d'une convention, GC-04 pour "
    "les années d'un groupement ; quand l'ordre des dates est faux, CP-07, CP-10, EV-03 et "
    "DT-04 ne sont pas évaluées. Une charte n'a pas de date de fin : rien à contrôler.",
)

"""Dates and terms checked before any generation (domaine.md §J.6, J.9)."""

from __future__ import annotations

import datetime as dt
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
from convgen.schema.document import SharedDocument
from convgen.wording.dates import add_months, end_of_term, term_months
from convgen.wording.formatting import long_date, months


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


@rule(
    "DT-08",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="cohérence",
    title="Dates vraisemblables : signature dans l'année à venir, convention encore en vigueur",
    explanation="Une signature datée de plus d'un an après la date du jour, ou une convention "
    "dont le terme (reconductions tacites comprises) est déjà passé, trahit le plus souvent une "
    "faute de frappe dans l'année (« 2150 » pour « 2025 ») ou un fichier de l'an passé repris "
    "sans mettre ses dates à jour. Le document reste produit : un avenant ou une version "
    "archivée peut porter de telles dates à dessein.",
)
def plausible_dates(doc: SharedDocument, ctx: RuleContext) -> Iterator[Finding]:
    signed = doc.signature.concluded_on
    if signed is not None and ctx.is_future(add_months(signed, -12)):
        yield Finding(
            _signature_path(doc, signed),
            f"La signature est datée du {long_date(signed)}, plus d'un an après la date du "
            "jour : l'année est-elle la bonne ?",
        )
    if isinstance(doc, ConventionPartenariat):
        ended = _last_day(doc)
        if ended is not None and not ctx.is_future(ended + dt.timedelta(days=1)):
            renewal = (
                " (à moins d'une reconduction expresse décidée depuis)"
                if doc.duree.reconduction is Reconduction.EXPRESSE
                else ""
            )
            yield Finding(
                ("duree", "date_effet"),
                f"La convention a pris fin le {long_date(ended)}, avant la date du jour"
                f"{renewal} : vérifiez ses dates, reprises peut-être d'une "
                "convention précédente.",
            )


def _signature_path(doc: SharedDocument, signed: dt.date) -> tuple[str | int, ...]:
    for index, entry in enumerate(doc.signature.par_partie):
        if entry.date == signed:
            return ("signature", "par_partie", index, "date")
    return ("signature", "date")


def _last_day(doc: ConventionPartenariat) -> dt.date | None:
    """The convention's last day, tacit renewals included; None if it may run on."""
    duree = doc.duree
    initial = term_months(doc)
    if initial is None:
        return None
    if duree.reconduction is Reconduction.TACITE:
        if duree.nombre_reconductions is None or duree.duree_reconduction_mois is None:
            return None
        initial += duree.nombre_reconductions * duree.duree_reconduction_mois
    elif duree.date_fin is not None:
        return duree.date_fin
    return end_of_term(duree.date_effet, initial)

"""CP-*: convention de partenariat (domaine.md §B, « Règles de validation »)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from convgen.errors import DataPath, Severity
from convgen.regles.base import CP, Finding, Level, RuleContext, declared_rule, rule
from convgen.schema.commun import MEETINGS_PER_YEAR, Frequence, short_names
from convgen.schema.convention_partenariat import (
    PERIODS_PER_YEAR,
    ConventionPartenariat,
    Niveau,
    Reconduction,
    TypeModalite,
    Versement,
)
from convgen.wording import formatting
from convgen.wording.dates import end_of_term, every_months, initial_end, term_months
from convgen.wording.formatting import amount, long_date, of
from convgen.wording.libelles import label

DOCS = {CP}


def period_months(frequence: Frequence) -> float | None:
    per_year = MEETINGS_PER_YEAR[frequence]
    return 12 / per_year if per_year else None


@rule(
    "CP-01",
    documents=DOCS,
    level=Level.C,
    source="CASF L312-7 1° ; pratique",
    title="Au moins deux parties distinctes",
)
def two_parties(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    sirens = [p.siren or (p.siret or "")[:9] or p.code for p in doc.parties]
    if len(doc.parties) < 2 or len(set(sirens)) < 2:
        yield Finding(
            ("parties",),
            "Une convention de partenariat doit réunir au moins deux parties distinctes.",
        )


@rule(
    "CP-03",
    documents=DOCS,
    level=Level.P,
    source="pratique S22",
    title="Au moins un objectif, chacun avec un indicateur",
)
def objectives_measured(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    if not doc.objectifs:
        yield Finding(("objectifs",), "Définissez au moins un objectif du partenariat.")
    for index, objectif in enumerate(doc.objectifs):
        if not objectif.indicateurs:
            yield Finding(
                ("objectifs", index, "indicateurs"),
                f"L'objectif « {objectif.libelle} » n'a aucun indicateur d'évaluation.",
            )


@rule(
    "CP-04",
    documents=DOCS,
    level=Level.P,
    source="pratique",
    title="Au moins un engagement par partie",
)
def commitments(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    for index, partie in enumerate(doc.parties):
        if not partie.engagements:
            yield Finding(
                ("parties", index, "engagements"),
                f"Aucun engagement n'est défini pour {partie.short_name}.",
            )


@rule(
    "CP-05",
    documents=DOCS,
    level=Level.P,
    source="pratique",
    title="Un référent par partie (nom, fonction, contact)",
)
def referents(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    for index, partie in enumerate(doc.parties):
        referent = partie.referent
        if referent is None or not (referent.telephone or referent.courriel):
            yield Finding(
                ("parties", index, "referent"),
                f"Désignez un référent pour {partie.short_name}, avec un téléphone ou un courriel.",
            )


@rule(
    "CP-06",
    documents=DOCS,
    level=Level.P,
    source="pratique",
    title="Instance de suivi : composition et fréquence au moins annuelle",
)
def follow_up(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    instance = doc.instance_suivi
    if (
        instance is None
        or not (instance.composition or instance.autres_membres)
        or instance.frequence in (None, Frequence.AD_HOC)
    ):
        yield Finding(
            ("instance_suivi",),
            "Précisez la composition et la fréquence (au moins annuelle) de l'instance de suivi.",
        )


@rule(
    "CP-07",
    documents=DOCS,
    level=Level.P,
    source="pratique S22",
    title="Périodicité d'évaluation compatible avec la durée",
)
def evaluation_period(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    evaluation = doc.evaluation
    if evaluation is None or evaluation.periodicite is None:
        yield Finding(("evaluation",), "Précisez la périodicité de l'évaluation du partenariat.")
        return
    period, term = period_months(evaluation.periodicite), term_months(doc)
    if term is not None and (period is None or period > term):
        yield Finding(
            ("evaluation", "periodicite"),
            f"La périodicité d'évaluation ({_period_label(evaluation.periodicite)}) ne "
            "permet aucune "
            "évaluation avant l'échéance.",
        )


@rule(
    "CP-08",
    documents=DOCS,
    level=Level.P,
    source="pratique",
    title="Évaluation des résultats et du fonctionnement du partenariat",
)
def evaluation_levels(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    niveaux = doc.evaluation.niveaux if doc.evaluation else []
    if Niveau.FONCTIONNEMENT not in niveaux:
        yield Finding(
            ("evaluation", "niveaux"), "Ajoutez l'évaluation du fonctionnement du partenariat."
        )
    if Niveau.RESULTATS not in niveaux:
        yield Finding(("evaluation", "niveaux"), "Ajoutez l'évaluation des résultats du projet.")


@rule(
    "CP-09",
    documents=DOCS,
    level=Level.C,
    source="cohérence",
    title="Date de fin postérieure à la date d'effet",
)
def term_dates(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    duree = doc.duree
    if duree.date_fin is not None and duree.date_fin <= duree.date_effet:
        yield Finding(
            ("duree", "date_fin"),
            f"La date de fin ({long_date(duree.date_fin)}) doit être postérieure à la "
            f"date d'effet ({long_date(duree.date_effet)}).",
        )
    if duree.date_fin is not None and duree.duree_mois is not None:
        yield Finding(
            ("duree", "duree_mois"),
            "Indiquez la durée soit en mois (duree_mois), soit par une date de fin "
            "(date_fin), pas les deux.",
        )


def _dates_out_of_order(doc: ConventionPartenariat) -> bool:
    fin = doc.duree.date_fin
    return fin is not None and fin <= doc.duree.date_effet


def _period_label(periodicite: Frequence) -> str:
    return "au cas par cas" if periodicite is Frequence.AD_HOC else periodicite.value


@rule(
    "CP-10",
    documents=DOCS,
    level=Level.P,
    source="pratique",
    title="Reconduction : durée, nombre et préavis précisés",
)
def renewal(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    duree = doc.duree
    if duree.reconduction is Reconduction.AUCUNE or _dates_out_of_order(doc):
        return  # J.9: CP-09 already reports the dates; no renewal advice on a wrong term
    if term_months(doc) is None:
        yield Finding(
            ("duree", "reconduction"),
            "Une convention à durée indéterminée ne se reconduit pas : indiquez une "
            "durée ou supprimez la reconduction.",
            Severity.ERREUR,
        )
        return
    if duree.preavis_non_reconduction_jours and duree.preavis_non_reconduction_mois:
        yield Finding(
            ("duree", "preavis_non_reconduction_mois"),
            "Le préavis de non-reconduction est indiqué en jours et en mois : gardez "
            "l'unité convenue (« trois mois » n'est pas « 90 jours »).",
            Severity.ERREUR,
        )
    notice = duree.preavis_non_reconduction_jours or duree.preavis_non_reconduction_mois
    required: list[tuple[str, object]] = []
    if duree.reconduction is Reconduction.TACITE:  # its length missing: DT-07 says it
        required += [
            ("nombre de reconductions", duree.nombre_reconductions),
            ("préavis de non-reconduction", notice),
        ]
    else:
        required.append(("durée de chaque reconduction", duree.duree_reconduction_mois))
    missing = [name for name, value in required if value is None]
    if missing:
        yield Finding(
            ("duree",),
            f"Précisez pour la {label(duree.reconduction)} : {', '.join(missing)}.",
        )


@rule(
    "CP-11",
    documents=DOCS,
    level=Level.P,
    source="pratique",
    title="Résiliation : préavis et forme de notification",
)
def termination(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    resiliation = doc.resiliation
    if resiliation.preavis_jours is not None and resiliation.preavis_mois is not None:
        yield Finding(
            ("resiliation", "preavis_mois"),
            "Le préavis de résiliation est indiqué en jours et en mois : gardez l'unité "
            "convenue (« trois mois » n'est pas « 90 jours »).",
            Severity.ERREUR,
        )
    notice = resiliation.preavis_jours or resiliation.preavis_mois
    if notice is None or resiliation.forme is None:
        yield Finding(
            ("resiliation",),
            "Indiquez le préavis et la forme de la résiliation (par exemple lettre "
            "recommandée avec avis de réception).",
        )
    yield from _longer_than_the_term(doc)


def _longer_than_the_term(doc: ConventionPartenariat) -> Iterator[Finding]:
    """A notice, or the time left after a formal notice, that runs to the convention's
    end or beyond: a termination could never take effect before it."""
    duree = doc.duree
    end = initial_end(doc)
    if end is None:
        return
    start = duree.date_effet
    if end <= start:
        return  # dates out of order: CP-10 and DT-03 say so
    term = (
        formatting.months(duree.duree_mois)
        if duree.duree_mois is not None
        else f"du {long_date(start)} au {long_date(end)}"
    )
    resiliation = doc.resiliation
    in_months, in_days = resiliation.preavis_mois, resiliation.preavis_jours
    too_long: tuple[str, str] | None = None
    if in_months is not None and end_of_term(start, in_months) >= end:
        too_long = ("preavis_mois", formatting.months(in_months))
    elif in_days is not None and start + dt.timedelta(days=in_days - 1) >= end:
        too_long = ("preavis_jours", formatting.days(in_days))
    if too_long:
        yield Finding(
            ("resiliation", too_long[0]),
            f"Le préavis de résiliation ({too_long[1]}) court jusqu'au terme de la convention "
            f"({term}) ou au-delà : une résiliation ne prendrait jamais effet avant son "
            "terme ; raccourcissez-le.",
        )
    waited = resiliation.delai_mise_en_demeure_jours
    if waited is not None and start + dt.timedelta(days=waited - 1) >= end:
        yield Finding(
            ("resiliation", "delai_mise_en_demeure_jours"),
            f"Le délai laissé après une mise en demeure ({formatting.days(waited)}) court "
            f"jusqu'au terme de la convention ({term}) ou au-delà : la résiliation pour "
            "manquement ne pourrait jamais jouer ; raccourcissez-le.",
        )


@rule(
    "CP-12",
    documents=DOCS,
    level=Level.P,
    source="pratique",
    title="Versements : montant, échéancier et justificatifs",
)
def payments_complete(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    finances = doc.dispositions_financieres
    funders = {f.code: (rank, f) for rank, f in enumerate(finances.financeurs)} if finances else {}
    told: set[str] = set()  # a funder's act is asked for once, however many its payments
    for index, versement in enumerate(finances.versements if finances else []):
        path = ("dispositions_financieres", "versements", index)
        if versement.payeur in funders:
            rank, funder = funders[versement.payeur]
            # A funder's own act sets its payments: the convention only records them.
            if funder.acte is None and funder.code not in told:
                told.add(funder.code)
                yield Finding(
                    ("dispositions_financieres", "financeurs", rank),
                    f"Indiquez l'acte par lequel {funder.short_name} accorde son financement "
                    "(acte : délibération, décision, convention de financement) : la présente "
                    "convention ne peut l'engager.",
                )
            continue
        if versement.echeancier or versement.premiere_echeance is not None:
            pass
        elif versement.periodicite is None:
            yield Finding(
                (*path, "echeancier"),
                "Les dispositions financières sont incomplètes : échéancier manquant.",
            )
        else:
            yield Finding(
                (*path, "echeancier"),
                "Les dispositions financières sont incomplètes : échéancier manquant (pour un "
                "montant récurrent, la date de la première échéance suffit).",
            )
        if versement.justificatifs is None:
            yield Finding(
                (*path, "justificatifs"),
                "Les dispositions financières sont incomplètes : justificatifs manquants.",
            )


def _expected_total(doc: ConventionPartenariat, versement: Versement) -> Decimal | None:
    """What the instalments add up to: the amount, or for a recurring amount, the amount
    of each period times the periods of the term — unknown (no check) for a convention
    without an end or whose term is not a whole number of periods."""
    if versement.periodicite is None:
        return versement.montant
    months = term_months(doc)
    if months is None or (months * PERIODS_PER_YEAR[versement.periodicite]) % 12:
        return None
    periods = months * PERIODS_PER_YEAR[versement.periodicite] // 12
    return (versement.montant * periods).quantize(Decimal("0.01"))


@rule(
    "CO-03",
    documents=DOCS,
    level=Level.C,
    source="cohérence du fichier",
    title="Versements : échéancier égal au montant, première échéance d'un montant récurrent, "
    "payeur distinct du bénéficiaire",
)
def payments_consistent(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    finances = doc.dispositions_financieres
    for index, versement in enumerate(finances.versements if finances else []):
        path = ("dispositions_financieres", "versements", index)
        total = sum((e.montant for e in versement.echeancier), start=Decimal(0))
        expected = _expected_total(doc, versement)
        if versement.echeancier and expected is not None and total != expected:
            periodic = (
                f" ({amount(versement.montant)} {label(versement.periodicite)} sur la durée "
                "de la convention)"
                if versement.periodicite
                else ""
            )
            yield Finding(
                (*path, "echeancier"),
                f"Les échéances totalisent {amount(total)} au lieu de {amount(expected)}"
                f"{periodic}.",
            )
        if versement.payeur == versement.beneficiaire:
            yield Finding(
                (*path, "beneficiaire"),
                "Le payeur et le bénéficiaire d'un versement doivent être distincts.",
            )
        yield from _first_instalment(doc, versement, path)


_PERIODS = {1: "de mois", 3: "de trimestres", 6: "de semestres", 12: "d'années"}


def _first_instalment(
    doc: ConventionPartenariat, versement: Versement, path: DataPath
) -> Iterator[Finding]:
    """A first instalment stands for the schedule of a recurring amount only: not for a
    single payment, nor beside a schedule it could contradict. Over a term of whole
    periods, one instalment falls in it for each period (the date outside the term:
    DT-04); over another term, the last period's due is not said."""
    first, months = versement.premiere_echeance, versement.months_per_period
    if first is None:
        return
    at = (*path, "premiere_echeance")
    if months is None:
        yield Finding(
            at,
            "Une première échéance ne se donne que pour un montant récurrent (périodicité) : "
            "pour un versement unique, indiquez sa date dans l'échéancier.",
        )
        return
    if versement.echeancier:
        yield Finding(
            at,
            "Indiquez soit la première échéance du montant récurrent, soit l'échéancier "
            "complet, pas les deux : ils pourraient se contredire.",
        )
        return
    term, end, start = term_months(doc), initial_end(doc), doc.duree.date_effet
    if term is None or end is None or first < start:
        return  # open-ended: as many as it runs; before the start: DT-04
    if first > end:
        return  # DT-04
    if term % months or end != end_of_term(start, term):  # a term of broken periods
        yield Finding(
            at,
            f"La durée de la convention ({formatting.months(term)}) n'est pas un nombre "
            f"entier {_PERIODS[months]} : avec la seule première "
            "échéance, rien ne dit ce qui est dû pour la dernière période, incomplète ; "
            "donnez l'échéancier complet.",
            Severity.AVERTISSEMENT,
        )
        return
    due, paid = term // months, len(list(every_months(first, months, end)))
    if paid < due:
        yield Finding(
            at,
            f"Avec une première échéance le {long_date(first)}, {paid} échéances tombent "
            f"dans la durée de la convention (du {long_date(start)} au {long_date(end)}) au "
            f"lieu de {due}, une par période : {amount(versement.montant * paid)} au lieu de "
            f"{amount(versement.montant * due)}. Avancez la première échéance, pour que la "
            f"dernière tombe au plus tard le {long_date(end)}.",
        )


@rule(
    "CP-14",
    documents=DOCS,
    level=Level.P,
    source="pratique",
    title="Assurance responsabilité civile de chaque partie",
)
def insurance(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    for index, partie in enumerate(doc.parties):
        if partie.assurance is None:
            yield Finding(
                ("parties", index, "assurance"),
                f"Indiquez l'assurance responsabilité civile {of(partie.short_name)}.",
            )


@rule(
    "CP-15",
    documents=DOCS,
    level=Level.C,
    source="CSP L1110-4 ; CASF L226-2-2, L121-6-2",
    title="Échanges d'informations nominatives : clause de partage complète",
)
def sharing_clause(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    nominative = [m for m in doc.modalites if m.is_nominative]
    partage = doc.partage_information
    if nominative and (partage is None or not partage.flux):
        kinds = ", ".join(sorted({label(m.type).lower() for m in nominative}))
        yield Finding(
            ("partage_information",),
            f"Des échanges d'informations sont prévus ({kinds}) : complétez la clause "
            "de partage d'informations (flux, base légale, catégories).",
        )


# Activities held between partners by their nature: one partner alone holds none. (An
# orientation may send persons to a service that does not sign: not one of them.)
_HELD_BETWEEN = frozenset(
    {
        TypeModalite.REUNION_SYNTHESE,
        TypeModalite.INTERVENTION_CONJOINTE,
        TypeModalite.FORMATION_CROISEE,
    }
)


@rule(
    "CP-18",
    documents=DOCS,
    level=Level.P,
    source="cohérence",
    title="Réunion, intervention, formation ou instance de suivi d'une seule partie",
)
def held_by_one(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    if len(doc.parties) < 2:
        return  # CP-01
    names = short_names(doc.parties)
    for index, modalite in enumerate(doc.modalites):
        codes = list(dict.fromkeys(modalite.parties))
        if modalite.type in _HELD_BETWEEN and len(codes) == 1:
            what = modalite.intitule or label(modalite.type)
            who = names.get(codes[0], codes[0])
            yield Finding(
                ("modalites", index, "parties"),
                f"L'activité « {what} » ne réunit qu'une partie ({who}) : le document écrirait « Y "
                f"participe {who} » pour une activité qui se tient entre partenaires. "
                "Ajoutez les autres parties qui y prennent part, ou videz la liste si "
                "toutes y participent.",
            )
    instance = doc.instance_suivi
    if instance is not None and not instance.autres_membres:
        codes = list(dict.fromkeys(member.partie for member in instance.composition))
        if len(codes) == 1:
            who = names.get(codes[0], codes[0])
            yield Finding(
                ("instance_suivi", "composition"),
                f"L'instance de suivi ne réunit que des membres {of(who)} : elle suit le "
                "partenariat entre les parties ; ajoutez un représentant des autres "
                "parties.",
            )


declared_rule(
    "CP-02",
    documents=DOCS,
    level=Level.P,
    source="pratique S26",
    title="Objet de la convention renseigné",
    enforcement="schema",
)
declared_rule(
    "CP-16",
    documents=DOCS,
    level=Level.P,
    source="S1 ; pratique",
    title="Visas de la loi n° 2002-2 et de l'article L. 312-7 CASF si un ESSMS est "
    "partie (ajoutés d'office)",
    enforcement="modele",
)

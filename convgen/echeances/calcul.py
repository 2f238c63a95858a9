"""Dated obligations of one validated document (pure: no clock, no disk).

Each obligation says when, what, which clause it comes from and whether it is a
deadline (a notice that must be given by that day). Recurring ones (meetings,
evaluations, general assemblies) are listed up to ``until``: the calendar of a
convention of indefinite duration has no end of its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from convgen.echeances.jours import Regions, act_before, regions_of, working_day_of_its_month
from convgen.schema.charte_reseau import CharteReseau
from convgen.schema.commun import MEETINGS_PER_YEAR, Frequence
from convgen.schema.convention_gcsms import ConventionGcsms
from convgen.schema.convention_partenariat import ConventionPartenariat, Reconduction
from convgen.schema.document import Document
from convgen.wording import accords
from convgen.wording.dates import add_months, end_of_term, every_months, initial_end, term_months
from convgen.wording.formatting import amount, months, of
from convgen.wording.formatting import notice as formatting_notice

DECISION_MONTHS = 3  # a fixed term: time to decide on a new convention before it ends
MAX_RENEWALS = 100  # tacit renewals listed at most (a horizon bounds them first)


@dataclass(frozen=True, order=True)
class Obligation:
    """One dated obligation. ``kind`` is a stable ASCII name (JSON, ICS identifiers);
    ``what`` says what is due (« Versement (…) : 1 000,00 € – … »); ``day_off``, what the
    calendar says of the day off it falls on (« tombe un dimanche : au plus tard… »),
    empty on a working day: it changes with the parties' seats, not the obligation."""

    date: dt.date
    kind: str
    what: str
    clause: str
    deadline: bool = False
    day_off: str = ""

    @property
    def label(self) -> str:
        """What is due, and what to do when it falls on a day off."""
        return f"{self.what} – {self.day_off}" if self.day_off else self.what


def obligations(document: Document, until: dt.date) -> list[Obligation]:
    """Every obligation of ``document`` up to ``until``, in date order, on working days
    (see ``_on_working_days``): those of every party, the holidays of Alsace and Moselle
    too when one has its seat there."""
    found = list(_common(document))
    if isinstance(document, ConventionPartenariat):
        found += _convention(document, until)
    elif isinstance(document, CharteReseau):
        found += _charter(document, until)
    else:
        found += _gcsms(document, until)
    regions = regions_of(_seats(document))
    return sorted(o for o in (_on_working_days(o, regions) for o in found) if o.date <= until)


def _seats(document: Document) -> Iterator[str]:
    """The postal codes of the parties' seats (and of the group's own, for a GCSMS)."""
    yield from (org.adresse.code_postal for org in document.organisations)
    if isinstance(document, ConventionGcsms):
        yield document.siege.code_postal


# Placed by the calendar at a rhythm (every quarter…): moved to a working day of its month.
_MOVABLE = frozenset({"reunion", "evaluation"})
# To be done by a date (a notice, a payment, a vote…): the date stays, a day off is told.
_TO_DO_BY = frozenset(
    {"versement", "comptes", "budget", "rapport_activite", "decision_renouvellement", "bilan_final"}
)


def _on_working_days(obligation: Obligation, regions: Regions) -> Obligation:
    """A meeting or an evaluation on a day off moved to a working day of its month; a deadline
    on a day off kept, its label saying by when to act (see echeances.jours)."""
    if obligation.kind in _MOVABLE:
        moved = working_day_of_its_month(obligation.date, regions)
        return dataclasses.replace(obligation, date=moved)
    if obligation.deadline or obligation.kind in _TO_DO_BY:
        note = act_before(obligation.date, regions)
        if note:
            return dataclasses.replace(obligation, day_off=note)
    return obligation


def _common(document: Document) -> Iterator[Obligation]:
    if document.signature.concluded_on is not None:
        yield Obligation(document.signature.concluded_on, "signature", "Signature", "Signatures")


def _convention(doc: ConventionPartenariat, until: dt.date) -> Iterator[Obligation]:
    start = doc.duree.date_effet
    yield Obligation(start, "prise_effet", "Prise d’effet", "Durée et renouvellement")
    first_end = initial_end(doc)
    if first_end is not None:
        yield from _terms(doc, first_end, until)
    end = _last_day(doc, until)
    if doc.evaluation is not None and doc.evaluation.periodicite is not None:
        yield from _every(doc.evaluation.periodicite, start, end, "evaluation", "Évaluation")
    if doc.evaluation is not None and doc.evaluation.bilan_final and first_end is not None:
        yield _final_review(doc, first_end)
    if doc.instance_suivi is not None and doc.instance_suivi.frequence is not None:
        yield from _every(
            doc.instance_suivi.frequence, start, end, "reunion", "Réunion de l’instance de suivi"
        )
    yield from _payments(doc, end)


def _final_review(doc: ConventionPartenariat, end: dt.date) -> Obligation:
    """The final review: before the end of the term, or, for a convention that may be
    renewed, before the decision on its renewal, which the document makes « au vu du bilan
    final » (the last day to refuse a tacit renewal, or the time to decide on an express
    one): dated on the expiry day, it would come after the renewal it is meant to inform."""
    duree = doc.duree
    if duree.reconduction is Reconduction.AUCUNE:
        return Obligation(end, "bilan_final", "Bilan final avant l’échéance", "Évaluation")
    in_days, in_months = duree.preavis_non_reconduction_jours, duree.preavis_non_reconduction_mois
    if duree.reconduction is Reconduction.TACITE and in_months is not None:
        date = add_months(end, -in_months)
    elif duree.reconduction is Reconduction.TACITE and in_days is not None:
        date = end - dt.timedelta(days=in_days)
    else:
        date = add_months(end, -DECISION_MONTHS)
    label = "Bilan final, avant la décision sur le renouvellement"
    return Obligation(date, "bilan_final", label, "Évaluation")


def _terms(doc: ConventionPartenariat, end: dt.date, until: dt.date) -> Iterator[Obligation]:
    """The term, then each tacit renewal with the last day to refuse it."""
    duree = doc.duree
    clause = "Durée et renouvellement"
    if duree.reconduction is not Reconduction.TACITE:
        decide = add_months(end, -DECISION_MONTHS)
        label = _DECIDE[duree.reconduction is Reconduction.EXPRESSE]
        yield Obligation(decide, "decision_renouvellement", label, clause)
        yield Obligation(end, "echeance", "Échéance de la convention", clause)
        return
    renewals = duree.nombre_reconductions or MAX_RENEWALS
    for index, period_end in enumerate(_period_ends(doc, end)):
        yield from _renewal(
            (duree.preavis_non_reconduction_jours, duree.preavis_non_reconduction_mois),
            period_end,
            index,
            renewals,
        )
        if period_end > until:
            return


def _period_ends(doc: ConventionPartenariat, first_end: dt.date) -> Iterator[dt.date]:
    """The end of the initial term, then, renewed tacitly, the end of each renewal: as many
    as stated, else MAX_RENEWALS (the caller stops at its horizon)."""
    duree = doc.duree
    yield first_end
    if duree.reconduction is not Reconduction.TACITE:
        return
    length = duree.duree_reconduction_mois or term_months(doc) or 12
    end = first_end
    for _ in range(duree.nombre_reconductions or MAX_RENEWALS):
        end = end_of_term(end + dt.timedelta(days=1), length)
        yield end


_DECIDE = {
    False: f"Décider d’une nouvelle convention ({DECISION_MONTHS} mois avant l’échéance : "
    "celle-ci n’est pas reconduite)",
    True: f"Décider de la reconduction expresse ({DECISION_MONTHS} mois avant l’échéance : "
    "sans décision écrite, la convention prend fin)",
}


def _renewal(
    notice: tuple[int | None, int | None], end: dt.date, index: int, renewals: int
) -> Iterator[Obligation]:
    """One period's end, and the last day to refuse the renewal: ``notice`` is (days,
    months), as agreed; a notice in months counts back whole months."""
    clause = "Durée et renouvellement"
    last = index == renewals
    what = "Échéance" if index == 0 else f"Échéance de la {_nth(index)} période reconduite"
    yield Obligation(end, "echeance", what + (" (dernière)" if last else ""), clause)
    in_days, in_months = notice
    if last or (in_days is None and in_months is None):
        return
    if in_months is not None:
        limit = add_months(end, -in_months)
    else:
        limit = end - dt.timedelta(days=in_days or 0)
    yield Obligation(
        limit,
        "preavis_non_reconduction",
        "Dernier jour pour dénoncer la reconduction tacite (préavis "
        f"{of(formatting_notice(in_days, in_months) or '')})",
        clause,
        deadline=True,
    )


def _nth(index: int) -> str:
    return "1re" if index == 1 else f"{index}e"


def _payments(doc: ConventionPartenariat, end: dt.date) -> Iterator[Obligation]:
    """Each instalment: those of the schedule, or a recurring amount's from its first
    one, the same day of each period (``every_months``) up to ``end``; a funder's, who
    does not sign, only over the initial term (its own act decides beyond)."""
    finances = doc.dispositions_financieres
    names = doc.payer_names()
    funders = {funder.code for funder in finances.financeurs} if finances else set()
    first_end = initial_end(doc)
    for payment in finances.versements if finances else []:
        who = f"{names.get(payment.payeur, payment.payeur)} → "
        who += names.get(payment.beneficiaire, payment.beneficiaire)
        for due in payment.echeancier:
            label = f"Versement ({who}) : {amount(due.montant)} – {payment.objet}"
            yield Obligation(due.date, "versement", label, "Dispositions financières")
        first, months = payment.premiere_echeance, payment.months_per_period
        if first is None or months is None or payment.echeancier:
            continue  # CO-03 refuses a first instalment beside a schedule
        label = f"Versement ({who}) : {amount(payment.montant)} – {payment.objet}"
        last = min(end, first_end) if payment.payeur in funders and first_end else end
        for when in every_months(first, months, last):
            yield Obligation(when, "versement", label, "Dispositions financières")


def _charter(doc: CharteReseau, until: dt.date) -> Iterator[Obligation]:
    start = doc.duree.date_effet if doc.duree is not None else doc.signature.concluded_on
    if start is None:
        return
    if doc.duree is not None:
        label = "Prise d’effet de la charte"
        yield Obligation(start, "prise_effet", label, "Prise d’effet et durée")
    end = until
    if doc.duree is not None and doc.duree.duree_mois is not None:
        end = min(until, end_of_term(start, doc.duree.duree_mois))
        yield Obligation(end, "echeance", "Échéance de la charte", "Prise d’effet et durée")
    evaluation = doc.evaluation
    if evaluation is not None and evaluation.periodicite is not None:
        yield from _every(evaluation.periodicite, start, end, "evaluation", "Évaluation du réseau")
    if evaluation is not None and evaluation.rapport_activite_annuel:
        for year in range(start.year + 1, end.year + 1):
            limit = f" ({evaluation.date_limite_rapport})" if evaluation.date_limite_rapport else ""
            label = f"Rapport d’activité de l’année {year - 1}{limit}"
            yield Obligation(dt.date(year, 3, 31), "rapport_activite", label, "Évaluation")
    committee = doc.gouvernance.comite_pilotage if doc.gouvernance else None
    if committee is not None and committee.frequence is not None:
        label = f"Réunion {accords.of(accords.the_body(committee.nom))}"
        yield from _every(committee.frequence, start, end, "reunion", label)


def _gcsms(doc: ConventionGcsms, until: dt.date) -> Iterator[Obligation]:
    # The term runs from the legal personality: the declaration's receipt (DT-06).
    known = doc.duree.date_effet or doc.publication.date_reception_declaration
    # An amendment neither creates the group nor restarts its years: the version it
    # changes was signed first.
    previous = doc.version_precedente.date_signature if doc.version_precedente else None
    start = known or previous or doc.signature.concluded_on
    if start is None:
        return
    if known is not None:
        yield Obligation(start, "prise_effet", "Prise d’effet", "Durée")
    end = until
    if doc.duree.duree_annees is not None and known is not None:
        end = min(until, end_of_term(start, 12 * doc.duree.duree_annees))
        label = "Fin de la durée du groupement (sa prorogation est à décider avant)"
        yield Obligation(
            end_of_term(start, 12 * doc.duree.duree_annees), "fin_duree", label, "Durée"
        )
    mandate = doc.administrateur.duree_mandat_ans if doc.administrateur else 3
    label = f"Fin du mandat de l’administrateur ({mandate} ans)"
    yield Obligation(end_of_term(start, 12 * mandate), "fin_mandat", label, "Administrateur")
    # Nothing falls before the group exists: a withdrawal notice due in June of the year
    # it is signed in December is no deadline; the next year's budget, due by October,
    # is then voted as soon as it exists.
    for obligation in _financial_years(doc, start, end):
        if obligation.date >= start:
            yield obligation
        elif obligation.kind == "budget":
            yield dataclasses.replace(obligation, date=start)


def _financial_years(doc: ConventionGcsms, start: dt.date, end: dt.date) -> Iterator[Obligation]:
    """Per calendar year (the financial year): assembly, accounts, budget, withdrawal."""
    notice = doc.retrait.preavis_mois if doc.retrait else 6
    public = doc.comptabilite is not None and doc.comptabilite.value == "publique"
    first_month = doc.exercice.debut_mois if doc.exercice else 1
    for year in range(start.year, end.year + 1):
        # The financial year that closes in ``year`` (31 December for a civil year).
        closing = (
            dt.date(year, 12, 31)
            if first_month == 1
            else (dt.date(year, first_month, 1) - dt.timedelta(days=1))
        )
        if year > start.year:
            label = f"Approbation des comptes de l’exercice {year - 1} par l’assemblée générale"
            yield Obligation(
                dt.date(year, 6, 30), "comptes", label, "Régime budgétaire et comptable"
            )
        if public:
            label = f"Vote du budget de l’exercice {year + 1} par l’assemblée générale"
            yield Obligation(
                dt.date(year, 10, 31), "budget", label, "Régime budgétaire et comptable"
            )
        withdrawal = end_of_term(closing + dt.timedelta(days=1), -notice)
        label = f"Dernier jour pour notifier un retrait à la fin de l’exercice {year} "
        label += f"(préavis de {months(notice)})"
        yield Obligation(withdrawal, "limite_retrait", label, "Retrait", deadline=True)


def _every(
    frequency: Frequence, start: dt.date, end: dt.date, kind: str, label: str
) -> Iterator[Obligation]:
    """``label`` at each period of ``frequency`` after ``start``, up to ``end``."""
    per_year = MEETINGS_PER_YEAR[frequency]
    if not per_year:
        return
    clause = "Évaluation" if kind == "evaluation" else "Instances"
    if per_year > 12:  # weekly or twice a month: by days
        step = dt.timedelta(days=365 // per_year)
        when = start + step
        while when <= end:
            yield Obligation(when, kind, label, clause)
            when += step
        return
    period = 12 // per_year
    index = 1
    while (when := add_months(start, period * index)) <= end:
        yield Obligation(when, kind, label, clause)
        index += 1


def _last_day(doc: ConventionPartenariat, until: dt.date) -> dt.date:
    """The last day the convention can run: its term's end, or, renewed tacitly a stated
    number of times, the end of its last renewal (``until`` when it has no end)."""
    duree, first_end = doc.duree, initial_end(doc)
    if first_end is None:
        return until
    if duree.reconduction is Reconduction.TACITE and duree.nombre_reconductions is None:
        return until
    end = first_end
    for end in _period_ends(doc, first_end):
        if end > until:
            break
    return min(until, end)

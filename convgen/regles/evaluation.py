"""EV-*: meetings and evaluation (domaine.md §E.1, §E.2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from convgen.regles.base import (
    ALL_DOCUMENTS,
    CP,
    CR,
    Finding,
    Level,
    RuleContext,
    declared_rule,
    rule,
)
from convgen.regles.convention import period_months
from convgen.schema.charte_reseau import CharteReseau
from convgen.schema.convention_partenariat import ConventionPartenariat
from convgen.schema.document import SharedDocument
from convgen.wording.dates import add_months, end_of_term, term_months
from convgen.wording.formatting import join_list, long_date

declared_rule(
    "EV-01",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="usage",
    title="Fréquence dans l'énumération (hebdomadaire … annuelle, ad_hoc)",
    enforcement="schema",
)


_WITH_ARTICLE = {
    "unité": "son unité",
    "source": "sa source",
    "fréquence de collecte": "sa fréquence de collecte",
    "responsable": "son responsable",
}


@rule(
    "EV-02",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="usage S22",
    title="Indicateur : libellé, unité, source, fréquence de collecte, responsable",
)
def indicators_complete(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    labels = {
        "unite": "unité",
        "source": "source",
        "frequence_collecte": "fréquence de collecte",
        "responsable": "responsable",
    }
    for path, indicateur in doc.indicators():
        missing = [label for key, label in labels.items() if getattr(indicateur, key) is None]
        if missing:
            yield Finding(
                path,
                f"L'indicateur « {indicateur.libelle} » est incomplet : indiquez "
                f"{join_list([_WITH_ARTICLE[label] for label in missing])}.",
            )


def _term(doc: SharedDocument) -> tuple[dt.date, int] | None:
    """Start and length in months of a document's term, if it has one."""
    if isinstance(doc, ConventionPartenariat):
        months = term_months(doc)
        return (doc.duree.date_effet, months) if months is not None else None
    if isinstance(doc, CharteReseau) and doc.duree and doc.duree.duree_mois:
        return doc.duree.date_effet, doc.duree.duree_mois
    return None


@rule(
    "EV-03",
    documents={CP, CR},
    level=Level.P,
    source="usage",
    title="Une évaluation avant l'échéance",
)
def evaluation_before_end(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    term = _term(doc)
    evaluation = doc.evaluation if isinstance(doc, ConventionPartenariat | CharteReseau) else None
    if term is None or evaluation is None or evaluation.bilan_final:
        return
    start, months = term
    end = end_of_term(start, months)
    period = period_months(evaluation.periodicite) if evaluation.periodicite else None
    first = add_months(start, round(period)) if period else None
    if first is None or first > end:
        yield Finding(
            ("evaluation",),
            f"Aucune évaluation n'est prévue avant l'échéance du {long_date(end)} : "
            "prévoyez un bilan final (bilan_final: true) ou une périodicité plus courte.",
        )

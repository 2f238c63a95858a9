"""The review pack as Markdown (to read or diff) and as JSON (for tooling).

Both say the same as the Word pack (``review.word``), from the same tables:
``pack_tables`` is the one place that decides the rows and their French labels.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from convgen.errors import Problem
from convgen.regles.citations import citation
from convgen.review import decision_tables as decided
from convgen.review.checklist import LABELS, CheckItem, Status
from convgen.review.pack import Review, level_mark, rule_details
from convgen.review.table import Table
from convgen.schema.appellations import with_article
from convgen.wording import formatting

TITLE = "Dossier de relecture juridique"


def heading(review: Review) -> str:
    """« Convention de partenariat relative à … – réf. CP-2026-014 – version définitive »."""
    summary = review.summary
    parts = [summary.named]
    if summary.reference:
        parts.append(f"réf. {summary.reference}")
    parts.append("projet" if summary.draft else "version définitive")
    return " – ".join(parts)


def verdict(review: Review) -> str:
    """One sentence: can the checklist be signed off?"""
    failures, pending = review.failures, review.pending
    errors = sum(1 for problem in review.warnings if problem.is_error)
    if errors:
        blocking = (
            f"{errors} erreur{'s' if errors > 1 else ''} bloquante{'s' if errors > 1 else ''}"
        )
        return (
            f"Projet : {blocking} (voir « Erreurs et avertissements ») ; la version "
            "définitive ne peut pas être produite en l’état."
        )
    if failures:
        names = ", ".join(item.title for item in failures)
        return f"Clauses manquantes ou incomplètes ({len(failures)}) : {names}."
    if pending:
        return f"Projet : {len(pending)} clause(s) encore à compléter avant signature."
    return "Toutes les clauses attendues sont présentes."


def pack_tables(review: Review) -> list[Table]:
    """Every table of the pack, in reading order."""
    return [
        _parties(review),
        Table("Dates", ("Date", "Valeur"), review.summary.dates),
        _amounts(review),
        _checklist(review),
        decided.defaults(review),
        decided.free_text(review),
        _optional(review),
        decided.flows(review),
        decided.open_points(review),
        _warnings(review),
        decided.to_collect(review),
        decided.calendar(review),
        _sources(review),
        _provenance(review),
        decided.sign_off(),
    ]


def _parties(review: Review) -> Table:
    rows = tuple(
        (_name(p.name, p.short_name), p.legal_form, p.signatory or "ne signe pas")
        for p in review.summary.parties
    )
    return Table("Parties", ("Organisation", "Forme juridique", "Signataire"), rows)


def _name(name: str, short: str) -> str:
    """The name, and the one the text uses when it is not the name itself (with the
    article a name without appellation takes: « le Centre communal… »)."""
    if short in (name, formatting.typography(with_article(name))):
        return name
    return f"{name} (« {short} »)"


def _amounts(review: Review) -> Table:
    rows = tuple((a.label, a.figures, a.words) for a in review.summary.amounts)
    return Table("Montants", ("Objet", "En chiffres", "En lettres"), rows, empty="Aucun montant.")


def _checklist(review: Review) -> Table:
    counts = review.counts()
    intro = (
        f"Points vérifiés : {len(review.checklist)} ; présents : {counts[Status.PRESENT]} ; "
        f"en défaut : {len(review.failures)} ; à compléter : {counts[Status.A_COMPLETER]} ; "
        f"clauses facultatives omises : {counts[Status.OMIS]} ; sans objet : "
        f"{counts[Status.SANS_OBJET]}. {verdict(review)}"
    )
    values = dict(review.values)
    rows = tuple(_check_row(item, _marks(review), values) for item in review.checklist)
    header = ("", "Clause", "Emplacement", "Obligatoire", "Force", "Source", "Règles", "Résultat")
    weights = (2, 14, 6, 5, 4, 16, 6, 16)
    return Table("Liste de contrôle des clauses", header, rows, intro, weights=weights)


def _marks(review: Review) -> dict[str, str]:
    """Each rule that found something: ✘ for an error, ⚠ for a warning (✔ otherwise)."""
    marks: dict[str, str] = {}
    for problem in review.warnings:
        if problem.rule and marks.get(problem.rule) != "✘":
            marks[problem.rule] = "✘" if problem.is_error else "⚠"
    return marks


def _check_row(item: CheckItem, marks: dict[str, str], values: dict[str, str]) -> tuple[str, ...]:
    return (
        item.mark,
        item.title,
        item.where,
        "oui" if item.mandatory else "non",
        level_mark(item.basis.level, item.basis.source),
        citation(item.basis.source),
        " ; ".join(_rule_result(rule, marks, values) for rule in item.basis.rules),
        item.result,
    )


def _rule_result(rule: str, marks: dict[str, str], values: dict[str, str]) -> str:
    checked = f" ({values[rule]})" if rule in values else ""
    return f"{rule} {marks.get(rule, '✔')}{checked}"


def _optional(review: Review) -> Table:
    rows = tuple(
        (
            item.title,
            "omise" if item.status is Status.OMIS else f"incluse ({item.where})",
            item.decision,
        )
        for item in review.optional
    )
    header = ("Clause", "Décision", "Donnée qui en décide")
    return Table("Clauses facultatives incluses ou omises", header, rows, empty="Aucune.")


def _warnings(review: Review) -> Table:
    rows = tuple(
        (
            problem.rule or "",
            rule_details(problem).get("force", ""),
            rule_details(problem).get("source", ""),
            str(problem.line or ""),
            decided.named(review.labels.get(problem.path, ""), problem.path),
            f"({problem.severity}) {problem.message}",
        )
        for problem in review.warnings
    )
    header = ("Règle", "Force", "Source", "Ligne", "Champ", "Message")
    weights = (3, 3, 10, 2, 8, 20)
    errors = any(problem.is_error for problem in review.warnings)
    title = "Erreurs et avertissements" if errors else "Avertissements"
    return Table(title, header, rows, empty="Aucun avertissement.", weights=weights)


def _sources(review: Review) -> Table:
    rows = tuple(
        (s.source, level_mark(s.level, s.source), ", ".join(s.used_by)) for s in review.sources()
    )
    header = ("Source", "Force", "Clauses et règles concernées")
    intro = (
        "Force : « exigé par la loi (texte) » quand un texte l’impose ; « exigé par la "
        "cohérence du document » quand deux clauses se contrediraient ; « établi par une "
        "source de référence, sans texte de loi » quand un guide ou une norme publiée le fixe ; "
        "« recommandé (pratique) » quand la clause vient de l’usage ; « à vérifier » quand le "
        "texte n’a pas été lu en entier ou que le point n’est pas tranché. Chaque règle est "
        "décrite par convgen regles ID (ou docs/regles.md)."
    )
    return Table("Sources juridiques citées", header, rows, intro, weights=(5, 1, 4))


def _provenance(review: Review) -> Table:
    return Table("Provenance", ("Propriété", "Valeur"), tuple(review.provenance.lines()))


def to_markdown(review: Review) -> str:
    """The pack as Markdown (GitHub tables)."""
    lines = [f"# {TITLE}", "", heading(review), "", f"Fichier d’entrée : {review.source}", ""]
    for table in pack_tables(review):
        lines += [f"## {table.title}", ""]
        if table.intro:
            lines += [table.intro, ""]
        lines += _markdown_table(table) if table.rows else [table.empty or "Aucun.", ""]
    return "\n".join(lines)


def _markdown_table(table: Table) -> list[str]:
    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    return [row(table.header), row(["---"] * len(table.header)), *map(row, table.rows), ""]


def to_json(review: Review) -> str:
    """The pack as JSON, keys in French like the YAML input."""
    summary = review.summary
    payload = {
        "document": {
            "type": summary.type_label,
            "titre": summary.title,
            "reference": summary.reference,
            "mode": "projet" if summary.draft else "definitif",
            "entree": review.source,
        },
        "parties": [
            {
                "denomination": p.name,
                "nom_court": p.short_name,
                "forme_juridique": p.legal_form,
                "signataire": p.signatory,
            }
            for p in summary.parties
        ],
        "dates": [{"date": label, "valeur": value} for label, value in summary.dates],
        "montants": [
            {"objet": a.label, "montant": a.value, "en_chiffres": a.figures, "en_lettres": a.words}
            for a in summary.amounts
        ],
        "liste_de_controle": [_check_json(item, review) for item in review.checklist],
        "avertissements": [_warning_json(p, review.labels) for p in review.warnings],
        "sources": [
            {
                "source": s.source,
                "niveau": s.level.value,
                "force": level_mark(s.level, s.source),
                "utilisee_par": list(s.used_by),
            }
            for s in review.sources()
        ],
        "provenance": dict(review.provenance.properties),
        "en_defaut": [item.id for item in review.failures],
        **decided.as_json(review),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _check_json(item: CheckItem, review: Review) -> dict[str, object]:
    marks = _marks(review)
    results = {"✘": "erreur", "⚠": "avertissement"}
    return {
        "id": item.id,
        "clause": item.title,
        "emplacement": item.where,
        "obligatoire": item.mandatory,
        "niveau": item.basis.level.value,
        "source": citation(item.basis.source),
        "regles": list(item.basis.rules),
        "controles": [
            {
                "regle": rule,
                "resultat": results.get(marks.get(rule, ""), "respectee"),
                "valeurs": dict(review.values).get(rule, ""),
            }
            for rule in item.basis.rules
        ],
        "resultat": item.status.value,
        "libelle": LABELS[item.status],
        "detail": item.detail,
        "decide_par": item.decided_by,
        "decision": item.decision,
    }


def _warning_json(problem: Problem, labels: Mapping[str, str]) -> dict[str, object]:
    return {
        "regle": problem.rule,
        **rule_details(problem),
        "ligne": problem.line,
        "champ": problem.path,
        "libelle": labels.get(problem.path),
        "gravite": problem.severity.value,
        "message": problem.message,
    }

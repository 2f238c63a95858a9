"""The pack's tables on what the reviewer decides besides the clauses (review.points)."""

from __future__ import annotations

from convgen.review.pack import Review
from convgen.review.points import UNCHECKED
from convgen.review.table import Table
from convgen.wording.formatting import long_date


def free_text(review: Review) -> Table:
    rows = tuple(
        (t.clause, named(t.label, t.field, t.line), t.excerpt, t.status) for t in review.free_texts
    )
    intro = (
        "Texte saisi librement par le rédacteur et imprimé dans le document : convgen ne le "
        f"compare pas au droit, sauf quand une règle est indiquée (« {UNCHECKED} » sinon). "
        "À lire dans le document."
    )
    header = ("Clause", "Champ saisi", "Extrait", "Vérification")
    return Table(
        "Texte libre imprimé dans le document", header, rows, intro, "Aucun.", (4, 4, 10, 5)
    )


def defaults(review: Review) -> Table:
    rows = tuple((named(d.label, d.field), d.value) for d in review.defaults)
    intro = (
        "Valeurs que l'entrée n'écrit pas et que convgen a prises par défaut : le document "
        "les imprime comme si elles avaient été choisies. À confirmer."
    )
    header = ("Champ", "Valeur par défaut")
    return Table("Valeurs par défaut appliquées", header, rows, intro, "Aucune.", (3, 2))


def named(label: str, field: str, line: int | None = None) -> str:
    """A field as the reviewer reads it, then as the input writes it: « Partage
    d’informations › Flux n° 2 › Droit d’opposition (partage_information.flux[2]
    .droit_opposition, ligne 140) »."""
    where = f"{field}, ligne {line}" if line else field
    return f"{label} ({where})" if label and label != field else where


def flows(review: Review) -> Table:
    rows = tuple(
        (f.title, f.emitter, f.recipient, f.categories, f.basis, f.test, f.roles)
        for f in review.flows
    )
    header = (
        "Flux",
        "Émetteur",
        "Destinataire",
        "Informations",
        "Base légale",
        "Contrôle",
        "Rôles RGPD (émetteur → destinataire)",
    )
    empty = "Aucun échange d'informations nominatives déclaré."
    return Table("Échanges d'informations", header, rows, "", empty, (4, 3, 3, 6, 4, 4, 4))


def open_points(review: Review) -> Table:
    rows = tuple((p.rule, p.force, p.point) for p in review.open_points)
    intro = (
        "Questions juridiques non tranchées derrière les règles qui concernent ce document, "
        "à apprécier par le relecteur (convgen regles ID décrit chaque règle) ; les "
        "avertissements du document suivent."
    )
    return Table("Points ouverts", ("Règle", "Force", "Point"), rows, intro, "Aucun.", (2, 3, 15))


def to_collect(review: Review) -> Table:
    header = ("Pour", "Pièce à réunir avant la signature")
    rows = tuple(review.to_collect)
    return Table("Pièces à réunir", header, rows, "", "Aucune pièce identifiée.", (1, 4))


def calendar(review: Review) -> Table:
    rows = tuple(
        (long_date(o.date), o.label, o.clause, "échéance à ne pas manquer" if o.deadline else "")
        for o in review.calendar
    )
    intro = "Les mêmes dates que convgen echeancier, sur les cinq premières années."
    header = ("Date", "Obligation", "Clause", "")
    return Table(
        "Calendrier des obligations", header, rows, intro, "Aucune date connue.", (2, 6, 4, 2)
    )


def sign_off() -> Table:
    rows = (
        ("Relecteur (nom, qualité)", ""),
        ("Date de la relecture", ""),
        ("Décision", "☐ approuvé    ☐ approuvé avec réserves    ☐ refusé"),
        ("Réserves", ""),
        ("Signature", ""),
    )
    return Table("Visa du relecteur", ("Rubrique", "À remplir"), rows, weights=(1, 3))


def as_json(review: Review) -> dict[str, object]:
    """The same sections for tools: ASCII keys, ISO dates, rule ids."""
    return {
        "texte_libre": [
            {
                "clause": t.clause,
                "champ": t.field,
                "libelle": t.label,
                "ligne": t.line,
                "extrait": t.excerpt,
                "verification": t.status,
            }
            for t in review.free_texts
        ],
        "echanges": [
            {
                "flux": f.title,
                "emetteur": f.emitter,
                "destinataire": f.recipient,
                "informations": f.categories,
                "base_legale": f.basis,
                "controle": f.test,
                "roles_rgpd": f.roles,
            }
            for f in review.flows
        ],
        "valeurs_par_defaut": [
            {"champ": d.field, "libelle": d.label, "valeur": d.value} for d in review.defaults
        ],
        "points_ouverts": [{"regle": p.rule, "point": p.point} for p in review.open_points],
        "pieces_a_reunir": [{"pour": who, "piece": what} for who, what in review.to_collect],
        "calendrier": [
            {
                "date": o.date.isoformat(),
                "nature": o.kind,
                "obligation": o.label,
                "clause": o.clause,
                "echeance": o.deadline,
            }
            for o in review.calendar
        ],
    }

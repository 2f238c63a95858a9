"""The review of a whole folder (``convgen relire DOSSIER``): one row per document, what a
federation's lawyer reviews in a morning — verdict, blocking points, open points."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from convgen.review.table import Table

TITLE = "Relecture d'un dossier de conventions"
BLOCKED = "bloqué"


@dataclass(frozen=True)
class FolderRow:
    """One document of the folder; the field names are the JSON keys."""

    fichier: str
    document: str
    verdict: str
    points_bloquants: tuple[str, ...]
    points_ouverts: tuple[str, ...]

    @property
    def blocked(self) -> bool:
        return bool(self.points_bloquants)


def summary(rows: Sequence[FolderRow]) -> str:
    blocked = sum(row.blocked for row in rows)
    return (
        f"{len(rows)} document(s) relu(s) : {len(rows) - blocked} sans point bloquant, "
        f"{blocked} bloqué(s)."
    )


def folder_table(rows: Sequence[FolderRow]) -> Table:
    body = tuple(
        (
            row.fichier,
            row.document,
            row.verdict,
            "\n".join(row.points_bloquants) or "aucun",
            "\n".join(row.points_ouverts) or "aucun",
        )
        for row in rows
    )
    header = ("Fichier", "Document", "Verdict", "Points bloquants", "Points ouverts")
    intro = (
        "Le dossier de relecture de chaque document (convgen relire FICHIER) détaille ses "
        "clauses, ses échanges d'informations et les pièces à réunir."
    )
    return Table("Documents", header, body, intro, "Aucun document.", (4, 5, 4, 8, 8))


def to_markdown(folder: str, rows: Sequence[FolderRow]) -> str:
    table = folder_table(rows)
    lines = [f"# {TITLE}", "", f"Dossier : {folder}", "", summary(rows), "", table.intro, ""]
    lines.append("| " + " | ".join(table.header) + " |")
    lines.append("|" + " --- |" * len(table.header))
    for row in table.rows:
        cells = (cell.replace("\n", "<br>").replace("|", "\\|") for cell in row)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def to_json(folder: str, rows: Sequence[FolderRow]) -> str:
    payload = {
        "dossier": folder,
        "documents": [asdict(row) for row in rows],
        "bloques": sum(row.blocked for row in rows),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"

"""Which input decided an optional clause, said in French for the review pack.

``ArticleSpec.decided_by`` is a YAML path (``communication``,
``parties[].referent``, ``missions``); this reads its value in the validated
document and says what it is, with the line of the input where possible.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from convgen.loading import RawInput
from convgen.schema.descriptions import FIELDS
from convgen.schema.document import Document

_EACH = {"parties": "partie", "membres": "membre", "objectifs": "objectif"}


def decision(document: Document, raw: RawInput, path: str) -> str:
    """« « communication » non renseigné », « « missions » : reseau (ligne 12) »…"""
    each = "[]" in path
    values = _values(document, path)
    text, notes = _each(values) if each else _one(values[0] if values else None)
    if not each and (position := raw.positions.get(tuple(path.split(".")))):
        notes.append(f"ligne {position.line}")
    return f"{_label(path)} {text}" + (f" ({', '.join(notes)})" if notes else "")


def _label(path: str) -> str:
    """The field's French title, as the director's questionnaire and the schema show it."""
    *owners, last = path.split(".")
    label = FIELDS[last][0] if last in FIELDS else last
    owner = owners[-1].removesuffix("[]") if owners else ""
    return f"« {label} » de chaque {_EACH.get(owner, owner)}" if owner else f"« {label} »"


def _values(document: Document, path: str) -> list[Any]:
    values: list[Any] = [document]
    for step in path.split("."):
        name = step.removesuffix("[]")
        values = [getattr(value, name) for value in values if value is not None]
        if step.endswith("[]"):
            values = [item for value in values for item in (value or [])]
    return values


def _each(values: list[Any]) -> tuple[str, list[str]]:
    given = sum(1 for value in values if _given(value))
    return ("renseigné", [f"{given} sur {len(values)}"]) if given else ("non renseigné", [])


def _one(value: Any) -> tuple[str, list[str]]:
    if isinstance(value, bool):
        return (": oui" if value else ": non"), []
    if not _given(value):
        return "non renseigné", []
    if isinstance(value, Enum):
        return f": {value.value}", []
    if isinstance(value, list) and all(isinstance(item, Enum) for item in value):
        return ": " + ", ".join(str(item.value) for item in value), []
    if isinstance(value, list):
        return "renseigné", [f"{len(value)} élément{'s' if len(value) > 1 else ''}"]
    return "renseigné", []


def _given(value: Any) -> bool:
    return value is not None and value not in ([], "")

"""Data paths named as the questionnaire names them, for a reader rather than a file.

« partage_information.flux[2].emetteur_soumis_secret » reads « Partage d’informations ›
Flux n° 2 › Émetteur soumis au secret »: the atelier's pages, its messages and the
lawyer's review pack use these names (the YAML path is for whoever edits the file).
"""

from __future__ import annotations

from typing import Any, get_args, get_origin

from pydantic import BaseModel

from convgen.schema.descriptions import FIELDS, ITEMS
from convgen.schema.introspection import annotation_at, unwrap
from convgen.validation.messages import data_path


def title_of(model: type[BaseModel], name: str) -> tuple[str, str]:
    """French title and help of a field (``schema.descriptions``)."""
    return FIELDS.get(f"{model.__name__}.{name}", FIELDS.get(name, (name, "")))


def item_noun(model: type[BaseModel], name: str) -> tuple[str, bool] | None:
    """What one element of the list ``name`` is called, and whether it is feminine."""
    return ITEMS.get(f"{model.__name__}.{name}", ITEMS.get(name))


def path_label(model: type[BaseModel], path: str | None) -> str:
    """A printed data path as the questionnaire names it: « parties[1].representant_legal
    .nom » -> « Partie n° 1 › Représentant légal › Nom » (a name the model does not know
    is kept as written)."""
    if not path:
        return "Document entier"
    names: list[str] = []
    current: type[BaseModel] | None = model
    noun: tuple[str, bool] | None = None
    for name in data_path(path):
        if isinstance(name, int):  # an element of the list just named: its group
            number = name + 1
            names[-1:] = [numbered(names[-1], noun, number) if names else f"n° {number}"]
            continue
        if current is None or name not in current.model_fields:
            names.append(name)
            current, noun = None, None
            continue
        names.append(title_of(current, name)[0])
        noun = item_noun(current, name)
        current = _group(annotation_at(current, [name]))
    return " › ".join(names)


def _group(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, or each element of a list it holds; None for a value."""
    if get_origin(annotation) is list:
        annotation = unwrap(get_args(annotation)[0])
    return (
        annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    )


def numbered(title: str, noun: tuple[str, bool] | None, number: int) -> str:
    """« Partie n° 2 »; « Visas — n° 2 » for a list whose element has no name of its own."""
    if noun is None:
        return f"{title} — n° {number}"
    return f"{noun[0][0].upper()}{noun[0][1:]} n° {number}"

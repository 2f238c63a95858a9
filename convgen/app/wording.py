"""Messages written for the command line, worded for the questionnaire's pages.

Rule and validation messages name YAML keys for the person who edits the file
(« indiquez le ressort (ressort) », « retirez la mention (droit_opposition: false) »,
« générez un projet avec --brouillon »). A director in the atelier sees the question's
label instead, and the page rather than the option: the message says the same thing.

Only what is plainly a key is reworded: a word with an underscore that names a field
and is no accepted value (« assemblee_generale » is both: left as written), outside
guillemets (the user's own text, quoted) and outside YAML written out in braces. A
parenthesis is reworded only if every item in it is such a key, alone or with
``: true`` / ``: false``, one of the values its choice offers (« role: sous_traitant »
reads « Rôle » : « sous-traitant », as the list on the page shows it) or an
organisation's code; anything else is left as the rule wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from pydantic import BaseModel

from convgen.app.questionnaire import choices, french_date, kind_of
from convgen.schema.descriptions import FIELDS
from convgen.schema.document import MODELS
from convgen.schema.introspection import allowed_values, annotation_at
from convgen.validation.labels import path_label, title_of
from convgen.validation.messages import data_path

_COMMAND_LINE = (
    ("(ou générez un projet avec --brouillon)", "(ou téléchargez le projet)"),
    # The page's dates are typed the French way (see questionnaire.iso_date).
    (
        "format attendu AAAA-MM-JJ, par exemple 2026-03-01",
        "écrivez-la jj/mm/aaaa, par exemple 01/03/2026",
    ),
)

# Quoted text (the user's own words) and YAML written out in braces: never reworded.
_PROTECTED = re.compile(r"«[^»]*»|\{[^{}]*\}")
_BRACKETS = re.compile(r"\(([^()]+)\)")
_ITEM = re.compile(r"([a-z][a-z0-9_]*)(?:\s*:\s*([a-z][a-z0-9_]*))?")
# A path through the document (« partage_information.rgpd.delegues »), maybe followed by
# the fields asked there (« … : par, support, moment »).
_PATH = re.compile(r"(?<![\w.])([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+)(?!\w|\.\w)")
_FIELDS_AT = re.compile(r"\s*([a-z][a-z0-9_.]*)\s*:\s*([a-z][a-z0-9_]*(?:,\s*[a-z][a-z0-9_]*)*)\s*")
# A key in running text: not part of a dotted path, nor written as YAML (« clé: »).
_KEY = re.compile(r"(?<![\w.])([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?![\w]|\.\w|\s*:)")
_VALUES = {"true": "oui", "false": "non"}
# A date the file holds, quoted by the message on that date (« date impossible »), as
# the page has it typed: « 31/02/2027 », which the file holds as « 2027-02-31 ».
_QUOTED_DATE = re.compile(r"(\bdate \w+ )«\s*(\d{4}-\d{2}-\d{2})\s*»")


def for_the_page(message: str, model: type[BaseModel] | None = None, path: str = "") -> str:
    """``message`` with the YAML keys it names replaced by their questions' labels
    (« Article des statuts ») and the command-line option by the page's button; the
    labels are those of the questions around ``path`` in ``model``'s form."""
    for typed, shown in _COMMAND_LINE:
        message = message.replace(typed, shown)
    message = _QUOTED_DATE.sub(lambda date: f"{date[1]}« {french_date(date[2])} »", message)
    label, value = _labeller(model, path)
    place = _placer(model)
    pieces: list[str] = []
    start = 0
    for protected in _PROTECTED.finditer(message):
        pieces += [
            _reworded(message[start : protected.start()], label, value, place),
            protected[0],
        ]
        start = protected.end()
    pieces.append(_reworded(message[start:], label, value, place))
    return "".join(pieces)


def _reworded(
    text: str,
    label: Callable[[str], str | None],
    value: Callable[[str, str], str | None],
    place: Callable[[str, tuple[str, ...]], str | None],
) -> str:
    def bracketed(match: re.Match[str]) -> str:
        if _PATH.fullmatch(match[1].strip()):  # « (partage_information.rgpd.delegues) »
            where = place(match[1].strip(), ())
            return f"({where})" if where else match[0]
        listed = _FIELDS_AT.fullmatch(match[1])
        if listed is not None and "." in listed[1]:
            names = tuple(name.strip() for name in listed[2].split(","))
            where = place(listed[1], names)
            return f"({where})" if where else match[0]
        shown = []
        for item in match[1].split(", "):
            found = _ITEM.fullmatch(item.strip())
            plain_key = found is not None and ("_" in found[1] or found[2] is not None)
            name = label(found[1]) if found and plain_key else None
            if found is None or name is None:
                return match[0]
            if found[2] is None:
                shown.append(name)
                continue
            answer = _VALUES.get(found[2]) or value(found[1], found[2])
            if answer is None:
                return match[0]
            shown.append(f"{name} : {answer}")
        return f"({', '.join(shown)})"

    def running(part: str) -> str:
        part = _PATH.sub(lambda match: place(match[1], ()) or match[0], part)
        return _KEY.sub(lambda match: label(match[1]) or match[0], part)

    # A parenthesis is reworded whole or left whole (« (duree, unite, point_depart) »
    # half reworded would read worse than as written); the running text around it is.
    pieces: list[str] = []
    start = 0
    for match in _BRACKETS.finditer(text):
        pieces += [running(text[start : match.start()]), bracketed(match)]
        start = match.end()
    pieces.append(running(text[start:]))
    return "".join(pieces)


def _placer(model: type[BaseModel] | None) -> Callable[[str, tuple[str, ...]], str | None]:
    """« Partage d’informations › RGPD › Délégués… » for a path through ``model``, with
    the labels of the fields ``names`` asked there; None if it is not one."""

    def place(dotted: str, names: tuple[str, ...]) -> str | None:
        if model is None:
            return None
        steps = dotted.split(".")
        group = annotation_at(model, steps)
        if group is None:
            return None
        where = f"« {path_label(model, dotted)} »"
        if not names:
            return where
        if not (isinstance(group, type) and issubclass(group, BaseModel)):
            return None
        if any(name not in group.model_fields for name in names):
            return None
        fields = ", ".join(f"« {title_of(group, name)[0]} »" for name in names)
        return f"{where} : {fields}"

    return place


def _labeller(
    model: type[BaseModel] | None, path: str
) -> tuple[Callable[[str], str | None], Callable[[str, str], str | None]]:
    """« Label » of a key: the question's, looked for in the groups along ``path`` from
    the innermost out, else the key's usual label; None for what is not a field. And
    « label » of one of a key's values, as its choice shows it (None if it offers none)."""
    groups = _groups_along(model, path)

    def label(name: str) -> str | None:
        if name in _accepted_values():
            return None  # a value as much as a key: left as written
        for group in groups:
            if name in group.model_fields:
                return f"« {title_of(group, name)[0]} »"
        described = FIELDS.get(name)
        return f"« {described[0]} »" if described is not None else None

    def value(name: str, written: str) -> str | None:
        # The groups along the path first, then any group that asks it (a message on a
        # third party may name a field of its role).
        for group in (*groups, *_every_group()):
            if name in group.model_fields:
                return _value_label(group, name, written)
        return None

    return label, value


def _groups_along(model: type[BaseModel] | None, path: str) -> list[type[BaseModel]]:
    """The groups (models) along ``path`` in ``model``, from the innermost out."""
    groups: list[type[BaseModel]] = []
    if model is not None:
        steps = data_path(path)
        for depth in range(len(steps), -1, -1):
            found = annotation_at(model, steps[:depth])
            if isinstance(found, type) and issubclass(found, BaseModel):
                groups.append(found)
    return groups


def _value_label(group: type[BaseModel], name: str, written: str) -> str | None:
    """« label » of the value ``written`` of ``group``'s field ``name``, as its choice
    shows it; a code as the director declared it; None for a value it does not offer."""
    kind, held = kind_of(group.model_fields[name].rebuild_annotation())
    if kind == "organisation":
        return f"« {written} »"
    offered = dict(choices(held))
    return f"« {offered[written]} »" if written in offered else None


@cache
def _accepted_values() -> frozenset[str]:
    """Every value a choice of some document type accepts."""
    found: set[str] = set()
    for model in _every_group():
        for name in model.model_fields:
            found.update(allowed_values(annotation_at(model, [name])))
            found.update(allowed_values(annotation_at(model, [name, 0])))
    return frozenset(found)


@cache
def _every_group() -> tuple[type[BaseModel], ...]:
    """Every model of every document type, the documents' own first."""
    seen: dict[type[BaseModel], None] = {}

    def walk(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen[model] = None
        for name in model.model_fields:
            for inner in (annotation_at(model, [name]), annotation_at(model, [name, 0])):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    walk(inner)

    for model in MODELS.values():
        walk(model)
    return tuple(seen)

"""JSON Schema of each input format, with French titles and help, for editors.

The YAML language server (VS Code, Vim, Emacs…) reads it through the
``# yaml-language-server: $schema=…`` line that ``convgen nouveau`` writes, and offers
completion, help on hover and inline errors while a director fills the file.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from convgen.documents.registry import DocumentType
from convgen.schema.base import ADVISED, IN_SOME_CASES, REPORTED_BY_RULE, RULE, TO_COMPLETE
from convgen.schema.commun import Frequence
from convgen.schema.descriptions import FIELDS
from convgen.wording.formatting import frequency_adjective
from convgen.wording.libelles import LABELS

SCHEMAS_DIR = Path(__file__).resolve().parent.parent / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(doc_type: DocumentType) -> dict[str, Any]:
    """The JSON Schema of ``doc_type``'s input, described in French."""
    schema = doc_type.model.model_json_schema(mode="validation")
    _describe_model(schema, doc_type.model.__name__)
    enums = {enum.__name__: enum for enum in _enums(doc_type.model)}
    for name, definition in schema.get("$defs", {}).items():
        # A type's docstring is written for engineers, in English: editors would show it.
        definition.pop("description", None)
        _describe_model(definition, name)
        _describe_enum(definition, enums.get(name))
    return {
        "$schema": DRAFT,
        "$id": schema_id(doc_type),
        **schema,
        "title": doc_type.label,
        "description": f"Fichier d’entrée convgen : {doc_type.label.lower()}",
    }


def schema_text(doc_type: DocumentType) -> str:
    """The schema as written to disk: stable key order, UTF-8, final newline."""
    return json.dumps(json_schema(doc_type), ensure_ascii=False, indent=2) + "\n"


SCHEMA_SUFFIX = ".schema.json"  # never an input: batch.plan skips it


def schema_file_name(doc_type: DocumentType) -> str:
    return f"{doc_type.name}{SCHEMA_SUFFIX}"


def schema_path(doc_type: DocumentType) -> Path:
    """The schema shipped in the package (``make schemas`` writes it)."""
    return SCHEMAS_DIR / schema_file_name(doc_type)


def schema_id(doc_type: DocumentType) -> str:
    """The schema's identifier (``$id``): the same on every machine."""
    return f"urn:convgen:schema:{doc_type.name}"


def is_convgen_schema(data: bytes) -> bool:
    """Whether ``data`` is a schema convgen wrote (so that it may be refreshed)."""
    try:
        found = json.loads(data)
    except ValueError:
        return False
    return isinstance(found, dict) and str(found.get("$id", "")).startswith("urn:convgen:")


def _describe_model(definition: dict[str, Any], model: str) -> None:
    for name, prop in definition.get("properties", {}).items():
        title, help_text = FIELDS.get(f"{model}.{name}", FIELDS.get(name, (name, "")))
        prop["title"] = title
        completion = prop.pop(TO_COMPLETE, None)
        prop.pop(RULE, None)
        prop.pop(REPORTED_BY_RULE, None)
        in_some_cases = prop.pop(IN_SOME_CASES, None)
        if prop.pop(ADVISED, None):
            help_text = f"{help_text} ; conseillé (un projet imprime un espace réservé)"
        elif completion:
            when = "le cas échéant, " if in_some_cases else ""
            help_text = f"{help_text} ; {when}à compléter avant la version définitive (un "
            help_text += "projet imprime un espace réservé)"
        if help_text:
            prop["description"] = help_text.lstrip(" ;")


def _describe_enum(definition: dict[str, Any], enum: type[StrEnum] | None) -> None:
    """Help for each value of an enumeration (the YAML language server shows it)."""
    values = definition.get("enum")
    if not values or enum is None:
        return
    if enum is Frequence:
        labels = {f.value: frequency_adjective(f) for f in Frequence}
    else:
        labels = {value: text for (kind, value), text in LABELS.items() if kind is enum}
    definition["enumDescriptions"] = [labels.get(value, "") for value in values]


def _enums(model: type[BaseModel]) -> Iterator[type[StrEnum]]:
    """The enumerations a model uses, its nested models included: two modules may name
    an enumeration alike (CategorieMembre), so labels are found by class, not by name."""
    pending, seen = [model], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for field in current.model_fields.values():
            for kind in _types(field.annotation):
                if issubclass(kind, StrEnum):
                    yield kind
                elif issubclass(kind, BaseModel):
                    pending.append(kind)


def _types(annotation: Any) -> Iterator[type]:
    """The classes an annotation names (``list[X] | None`` -> X)."""
    if isinstance(annotation, type) and not typing.get_args(annotation):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _types(argument)

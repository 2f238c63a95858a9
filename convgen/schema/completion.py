"""Information still to be given: fields declared with ``to_be_completed`` and left empty."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from convgen.errors import DataPath


@dataclass(frozen=True)
class Missing:
    path: DataPath
    label: str
    rule: str | None


@functools.cache
def completion_fields(model: type[BaseModel]) -> dict[str, dict[str, Any]]:
    """The ``to_be_completed`` fields of ``model``, with their metadata."""
    found = {}
    for name, field in model.model_fields.items():
        extra = field.json_schema_extra
        if isinstance(extra, dict) and "a_completer" in extra:
            found[name] = extra
    return found


def missing_information(value: Any, path: DataPath = ()) -> Iterator[Missing]:
    """Walk a validated document and yield every empty ``to_be_completed`` field."""
    if isinstance(value, BaseModel):
        fields = completion_fields(type(value))
        # A model may say which of its fields others stand for (the signature's date
        # when each party gives its own).
        exempt: frozenset[str] = getattr(value, "completion_exempt", frozenset())
        for name in type(value).model_fields:
            child = getattr(value, name)
            if child is None:
                if name in fields and name not in exempt:
                    extra = fields[name]
                    yield Missing(
                        (*path, name),
                        str(extra["a_completer"]),
                        str(extra["regle"]) if "regle" in extra else None,
                    )
            elif isinstance(child, BaseModel | list):  # scalars hold nothing to complete
                yield from missing_information(child, (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, BaseModel | list):
                yield from missing_information(item, (*path, index))

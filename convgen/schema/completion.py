"""Information still to be given: fields declared with ``to_be_completed`` and left empty."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from convgen.errors import DataPath
from convgen.schema.base import ADVISED, REPORTED_BY_RULE, RULE, TO_COMPLETE


@dataclass(frozen=True)
class Missing:
    path: DataPath
    label: str
    rule: str | None
    advice: str | None = None  # usual, not required: the final document may lack it


@functools.cache
def completion_fields(model: type[BaseModel]) -> dict[str, dict[str, Any]]:
    """The ``to_be_completed`` fields of ``model``, with their metadata."""
    found = {}
    for name, field in model.model_fields.items():
        extra = field.json_schema_extra
        if isinstance(extra, dict) and TO_COMPLETE in extra:
            found[name] = extra
    return found


def missing_information(value: Any, path: DataPath = ()) -> Iterator[Missing]:
    """Walk a validated document and yield every empty ``to_be_completed`` field."""
    found: list[Missing] = []
    _collect_missing(value, path, found)
    return iter(found)


def _collect_missing(value: Any, path: DataPath, found: list[Missing]) -> None:
    if isinstance(value, BaseModel):
        kind = type(value)
        fields = completion_fields(kind)
        # A model may say which of its fields others stand for (the signature's date
        # when each party gives its own). Asked of the class first: a model without
        # it would answer through pydantic's __getattr__ and an exception.
        exempt: frozenset[str] = (
            getattr(value, "completion_exempt") if _has_exemptions(kind) else frozenset()  # noqa: B009
        )
        values = value.__dict__
        for name in field_names(kind):
            child = values[name]
            if child is None:
                extra = fields.get(name)
                if extra and name not in exempt and REPORTED_BY_RULE not in extra:
                    found.append(
                        Missing(
                            (*path, name),
                            str(extra[TO_COMPLETE]),
                            str(extra[RULE]) if RULE in extra else None,
                            str(extra[ADVISED]) if ADVISED in extra else None,
                        )
                    )
            elif isinstance(child, BaseModel | list):  # scalars hold nothing to complete
                _collect_missing(child, (*path, name), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, BaseModel | list):
                _collect_missing(item, (*path, index), found)


@functools.cache
def field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class, in order (walks of a document read about 150
    models; ``model.__dict__[name]`` is the value, without an attribute look-up)."""
    return tuple(model.model_fields)


@functools.cache
def _has_exemptions(model: type[BaseModel]) -> bool:
    return hasattr(model, "completion_exempt")

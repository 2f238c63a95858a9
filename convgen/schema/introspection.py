"""Walk the schema along a data path: which fields and values are allowed there."""

from __future__ import annotations

import datetime as dt
import functools
import types
from collections.abc import Sequence
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from convgen.schema.base import Code


def unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional: ``Annotated[X | None, ...]`` -> ``X``."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


@functools.cache
def nested_field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that may hold a model or a list (the others hold a plain
    value: text, number, date, enumeration…), in order: what a walk of a document must
    descend into."""
    return tuple(name for name, field in model.model_fields.items() if _may_nest(field.annotation))


def _may_nest(annotation: Any) -> bool:
    """False only for what surely holds a plain value: anything else (a model, a list, a
    tuple, a sequence, a name not understood) is walked."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _may_nest(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return any(_may_nest(arg) for arg in get_args(annotation))
    if origin is Literal or annotation is type(None):
        return False
    return not (isinstance(annotation, type) and issubclass(annotation, _PLAIN))


_PLAIN = (str, int, float, Decimal, dt.date, Enum)  # bool is an int; datetime a date


def annotation_at(root: type[BaseModel], path: Sequence[str | int]) -> Any:
    """The (unwrapped) type expected at ``path``, or None if the path leaves the schema."""
    current: Any = root
    for step in path:
        current = unwrap(current)
        if isinstance(step, int):
            if get_origin(current) is not list:
                return None
            current = get_args(current)[0]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(step)
            if field is None:
                return None
            current = field.annotation
        else:
            return None
    return unwrap(current)


def field_names(root: type[BaseModel], path: Sequence[str | int]) -> list[str]:
    """Names of the fields allowed in the mapping found at ``path``."""
    model = annotation_at(root, path)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def allowed_values(annotation: Any) -> list[str]:
    """The values an enumeration or Literal field accepts, in declaration order."""
    annotation = unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(member.value) for member in annotation]
    if get_origin(annotation) is Literal:
        return [str(arg) for arg in get_args(annotation)]
    return []


def is_code_at(root: type[BaseModel], path: Sequence[str | int]) -> bool:
    """Whether the value at ``path`` is an organisation's code (its own, or a reference to
    one: a flow's sender, a signatory…), as typed by the schema (``Code``)."""
    if not path:
        return False
    parent = annotation_at(root, path[:-1])
    step = path[-1]
    if isinstance(step, int):
        raw = get_args(parent)[0] if get_origin(parent) is list else None
    elif isinstance(parent, type) and issubclass(parent, BaseModel) and step in parent.model_fields:
        field = parent.model_fields[step]
        if all(check in field.metadata for check in get_args(Code)[1:]):
            return True  # ``code: Code``: pydantic keeps the checks apart from the type
        raw = field.annotation
    else:
        return False
    members = get_args(raw) if get_origin(raw) in (Union, types.UnionType) else (raw,)
    return any(member == Code for member in members)

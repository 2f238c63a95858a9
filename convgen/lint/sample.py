"""A maximal synthetic document per type: every optional field filled, every list holding
one element. Its template context shows every variable a template may use."""

from __future__ import annotations

import datetime as dt
import types
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from convgen.documents.context import build_context
from convgen.documents.registry import DocumentType
from convgen.lint.variables import _is_code as is_code

SAMPLE_CODE = "membre"

D = TypeVar("D", bound=BaseModel)


def sample_document(model: type[D]) -> D:
    """An instance of ``model`` with a value in every field (not validated)."""
    return model.model_construct(
        **{name: _field_value(field) for name, field in model.model_fields.items()}
    )


def sample_context(doc_type: DocumentType, *, draft: bool = False) -> dict[str, Any]:
    return build_context(doc_type, sample_document(doc_type.model), draft=draft)


def _field_value(field: FieldInfo) -> Any:
    if is_code(field.metadata):
        return _code_value(field.annotation)
    return _value(field.annotation)


def _code_value(annotation: Any) -> Any:
    """Codes all name the same organisation, so every reference resolves."""
    return [SAMPLE_CODE] if get_origin(_strip_optional(annotation)) is list else SAMPLE_CODE


def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        return members[0]
    return annotation


def _value(annotation: Any) -> Any:
    annotation = _strip_optional(annotation)
    origin = get_origin(annotation)
    if origin is Annotated:
        args = get_args(annotation)
        if is_code(list(args[1:])):
            return SAMPLE_CODE
        return _value(args[0])
    if origin is Literal:
        return get_args(annotation)[0]
    if origin is list:
        return [_value(get_args(annotation)[0])]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return sample_document(annotation)
    return _scalar(annotation)


def _scalar(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return next(iter(annotation))
    scalars: dict[Any, Any] = {
        bool: True,
        int: 1,
        Decimal: Decimal(1),
        str: "texte",
        dt.date: dt.date(2026, 1, 1),
    }
    return scalars.get(annotation, "texte")

"""The rules on an input the schema refused: the atelier checks as the director goes.

An input with an answer missing or unreadable (a required field not given yet, « trois
ans » where a number is asked) has no document, so ``validate`` runs no rule on it: a
director filling the questionnaire section by section would see the legal problems
(secrecy, RGPD, signatories…) only once every required answer is given.

Here each refused answer is replaced by a stand-in, and the rules run on the document
this makes. A problem is kept only if it cannot come from a stand-in:

- the rule that found it read no stand-in: while each rule runs, reading an attribute
  of the document's objects is watched (a stand-in field, or a whole object holding
  one through ``__dict__`` or ``model_dump``), and every finding of a rule that read
  one is left out;
- it is found word for word twice, with stand-ins as different as their type allows
  (first and last choice, a date in 2001 and one in 2098, « a » and « b »…);
- it is neither on a stand-in nor on a group holding one.

What is kept was found on the answers as given; what a stand-in may have caused is left
out, not guessed: the full check runs once the answers are complete.
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from enum import Enum
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError

from convgen.errors import DataPath, Problem
from convgen.loading import RawInput
from convgen.regles import RuleContext, rules_for
from convgen.regles.texte_libre import forget_walks
from convgen.schema.base import Schema
from convgen.schema.document import Document
from convgen.schema.introspection import annotation_at, unwrap
from convgen.validation.messages import format_path, within
from convgen.validation.validator import (
    Options,
    grouped_amount_problems,
    missing_problems,
    model_of,
    rule_problem,
)

# Nested groups are filled one level per round (a group stood in by {} then has its own
# required fields); a document is at most a few levels deep.
_ROUNDS = 8
# What reads a whole object at once (its fields, its dump, its comparison).
_BULK = frozenset({"__dict__", "__eq__", "model_dump", "model_dump_json", "model_fields_set"})
# One watched run at a time: the watch is installed on the schema classes themselves.
_WATCH = threading.Lock()


def provisional_problems(raw: RawInput, options: Options) -> tuple[Problem, ...]:
    """The rules' problems on the answers given, for an input the schema refused only
    for answers missing or unreadable; () when no document can be stood in."""
    try:
        return _provisional(raw, options)
    except Exception:  # a rule failing on a stand-in: nothing told yet, the full check will
        return ()


def _provisional(raw: RawInput, options: Options) -> tuple[Problem, ...]:
    model = model_of(raw)
    if model is None:
        return ()
    found: list[set[Problem]] = []
    stood_in: set[str] = set()
    for variant in (0, 1):
        completed = _completed(model, raw.data, variant)
        if completed is None:
            return ()
        document, paths = completed
        stood_in |= {format_path(path) for path in paths}
        problems = _unaffected(raw, document, paths, RuleContext(options.today, options.draft))
        problems += missing_problems(raw, document, options)  # kept when away from stand-ins
        # An amount typed « 3.000 » (read 3 €) is said at once, not once all is answered.
        problems += grouped_amount_problems(raw, document)
        if options.strict:
            problems = [problem.escalated() for problem in problems]
        found.append(set(problems))
    kept = [p for p in found[0] & found[1] if not _near(p.path, stood_in)]
    return tuple(sorted(kept, key=lambda p: (p.line or 0, p.path, p.rule or "")))


def _unaffected(
    raw: RawInput, document: Document, paths: set[DataPath], context: RuleContext
) -> list[Problem]:
    """The findings of the rules that read no stand-in of ``document``."""
    leaves, holders = _stand_ins(document, paths)
    kept: list[Problem] = []
    for rule in rules_for(document.type):
        if rule.check is None:
            continue
        forget_walks()  # a walk cached by an earlier rule would read without being watched
        with _watching(leaves, holders) as read:
            findings = list(rule.check(document, context))
        if not read:
            kept += [rule_problem(raw, rule, finding) for finding in findings]
    return kept


def _stand_ins(document: Document, paths: set[DataPath]) -> tuple[set[tuple[int, str]], set[int]]:
    """(object id, field) of each stand-in, and the ids of the objects holding one."""
    leaves: set[tuple[int, str]] = set()
    holders: set[int] = set()
    for path in paths:
        node: Any = document
        owner: tuple[Any, str] | None = None  # the object and field holding the current list
        for step in path[:-1]:
            holders.add(id(node))
            if isinstance(step, str):
                owner = (node, step)
            node = node[step] if isinstance(step, int) else getattr(node, step)
        holders.add(id(node))
        if isinstance(path[-1], str):
            leaves.add((id(node), path[-1]))
        elif owner is not None:  # an element of a list (a code, a choice): reading the
            leaves.add((id(owner[0]), owner[1]))  # list is reading it
            holders.add(id(owner[0]))
    return leaves, holders


@contextmanager
def _watching(leaves: set[tuple[int, str]], holders: set[int]) -> Iterator[list[bool]]:
    """While the block runs, a non-empty list if a stand-in was read (on any thread:
    runs are serialised, and other threads' objects are never stand-ins)."""
    read: list[bool] = []
    plain = object.__getattribute__

    def watched(self: object, name: str) -> Any:
        key = id(self)
        if key in holders and ((key, name) in leaves or name in _BULK) and not read:
            read.append(True)
        return plain(self, name)

    with _WATCH:
        Schema.__getattribute__ = watched  # type: ignore[method-assign]
        try:
            yield read
        finally:
            del Schema.__getattribute__


def _completed(
    model: type[Document], data: dict[str, Any], variant: int
) -> tuple[Document, set[DataPath]] | None:
    """The document with a stand-in for each refused answer, and the stand-ins' paths;
    None if some answer cannot be stood in (the schema does not say what it takes)."""
    data = copy.deepcopy(data)
    done: set[DataPath] = set()
    for _ in range(_ROUNDS):
        try:
            return model.model_validate(data), done
        except ValidationError as exc:
            for error in exc.errors():
                path: DataPath = tuple(error["loc"])
                if path in done or path == ("type",) or not path:
                    return None  # a stand-in refused too, or not a document at all
                value = _stand_in(annotation_at(model, path), variant)
                if value is _NONE or not _put(data, path, value):
                    return None
                done.add(path)
    return None


_NONE = object()
# Scalar stand-ins by type, one per variant (bool before int: it is one).
_SCALARS: tuple[tuple[type, tuple[Any, Any]], ...] = (
    (bool, (False, True)),
    (int, (1, 7)),
    (Decimal, (1, 7)),
    (dt.date, ("2001-01-01", "2098-12-31")),
    (str, ("a", "b")),
)


def _stand_in(annotation: Any, variant: int) -> Any:
    """A value the schema takes for ``annotation``, different for each variant."""
    annotation = unwrap(annotation)
    origin = get_origin(annotation)
    if origin is not None:
        return _generic_stand_in(annotation, origin, variant)
    if not isinstance(annotation, type):
        return _NONE
    if issubclass(annotation, Enum):
        members = list(annotation)
        return (members[0] if variant == 0 else members[-1]).value
    if issubclass(annotation, BaseModel):
        return {}  # a new group each time: its own answers are stood in next round
    for kind, values in _SCALARS:
        if issubclass(annotation, kind):
            return values[variant]
    return _NONE


def _generic_stand_in(annotation: Any, origin: Any, variant: int) -> Any:
    """Stand-in for ``Literal[…]``, ``list[…]`` or a union (its first member's)."""
    if origin is Literal:
        choices = get_args(annotation)
        return choices[0] if variant == 0 else choices[-1]
    if origin is list:
        return []
    members = [arg for arg in get_args(annotation) if arg is not type(None)]
    return _stand_in(members[0], variant) if members else _NONE


def _put(data: Any, path: DataPath, value: Any) -> bool:
    """Set ``value`` at ``path`` in ``data``, making missing groups; False if the path
    goes through something that is not a group or a list."""
    node = data
    for step in path[:-1]:
        if isinstance(step, int):
            if not isinstance(node, list) or not 0 <= step < len(node):
                return False
            node = node[step]
        else:
            if not isinstance(node, dict):
                return False
            if not isinstance(node.get(step), dict | list):
                node[step] = {}
            node = node[step]
    last = path[-1]
    if isinstance(last, int):
        if not isinstance(node, list) or not 0 <= last < len(node):
            return False
    elif not isinstance(node, dict):
        return False
    node[last] = value
    return True


def _near(path: str, stood_in: set[str]) -> bool:
    """Whether a problem at ``path`` is on a stand-in, within one, or on a group that
    holds one (the document itself aside)."""
    return any(within(path, other) or bool(path and within(other, path)) for other in stood_in)

"""Submitted answers written into the round-trip tree, changing only what changed.

Only the questions the schema generated are read: a posted name that is not one of
them is ignored, so a form cannot reach outside the document's fields. An answer
equal to what the file holds leaves its node (quotes, comments) untouched.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from convgen.app.questionnaire import Question, answer_text, iso_date
from convgen.errors import DataPath, UsageError
from convgen.schema.introspection import is_code_at
from convgen.schema.partage import GROUP
from convgen.validation.messages import format_path

_INTEGER = re.compile(r"-?[0-9]{1,15}")  # « -12 » too: then told « positif »
# Text that YAML would read as something else (a number, a date, a boolean) unquoted.
_NOT_TEXT = re.compile(r"[-+0-9.:_ ]+|true|false|null|~", re.IGNORECASE)


def apply_answers(data: CommentedMap, found: Iterable[Question], form: Mapping[str, str]) -> None:
    for question in found:
        _apply(data, question, form)


def _apply(data: CommentedMap, question: Question, form: Mapping[str, str]) -> None:
    if question.kind == "groupe":
        apply_answers(data, question.children, form)
        _prune(data, question.path)
    elif question.kind == "liste":
        if question.item_kind == "groupe":
            apply_answers(data, question.children, form)
        else:
            _apply_plain_list(data, question, form)
    elif question.name in form:  # absent: a question that does not apply (disabled)
        _set(data, question, form[question.name])


def _set(data: CommentedMap, question: Question, answer: str) -> None:
    answer = answer.replace("\r\n", "\n").strip()
    if question.kind == "date":  # typed « 01/03/2027 », held « 2027-03-01 »
        answer = iso_date(answer)
    if answer == answer_text(_get(data, question.path)).strip():
        return
    parent_path, key = question.path[:-1], question.path[-1]
    if not answer:
        parent = _get(data, parent_path)
        if isinstance(parent, CommentedMap) and key in parent:
            del parent[key]
        return
    _container(data, parent_path)[key] = _value(question.kind, answer)


def _apply_plain_list(data: CommentedMap, question: Question, form: Mapping[str, str]) -> None:
    """A list of answers: each line of the form, the empty ones dropped."""
    names = [c.name for c in question.children] + [new_item_name(question)]
    if not any(name in form for name in names):
        return
    kind = question.item_kind
    answers = [form.get(name, "").replace("\r\n", "\n").strip() for name in names]
    answers = [iso_date(a) if kind == "date" else a for a in answers if a]
    current = _get(data, question.path)
    if [answer_text(v) for v in current or []] == answers:
        return
    if not answers:
        _container(data, question.path[:-1]).pop(question.path[-1], None)
        return
    if not isinstance(current, CommentedSeq):
        current = CommentedSeq()
        _container(data, question.path[:-1])[question.path[-1]] = current
    for index, answer in enumerate(answers):
        if index >= len(current):
            current.append(_value(kind, answer))
        elif answer_text(current[index]) != answer:
            current[index] = _value(kind, answer)
    del current[len(answers) :]


def new_item_name(question: Question) -> str:
    """The form name of the empty line offered after a list of answers."""
    return f"{question.name}[{len(question.children) + 1}]"


def apply_action(data: CommentedMap, found: Iterable[Question], action: str) -> str:
    """``ajouter:<liste>`` adds an empty element, ``retirer:<élément>`` removes one;
    returns the name of the question to show next (the new element, or the list)."""
    verb, _, name = action.partition(":")
    target = next((q for top in found for q in top.walk() if q.name == name), None)
    if target is None or verb not in ("ajouter", "retirer"):
        raise UsageError(f"action inconnue : « {action} »")
    if verb == "ajouter" and target.item_kind == "groupe":
        items = _get(data, target.path)
        if not isinstance(items, CommentedSeq):
            items = CommentedSeq()
            _container(data, target.path[:-1])[target.path[-1]] = items
        items.append(CommentedMap())
        return format_path((*target.path, len(items) - 1))
    if verb == "retirer" and isinstance(target.path[-1], int):
        items = _get(data, target.path[:-1])
        if isinstance(items, CommentedSeq) and target.path[-1] < len(items):
            del items[target.path[-1]]
        return format_path(target.path[:-1])
    return target.name


def _value(kind: str, answer: str) -> Any:
    """The YAML value of an answer: typed when it reads as its type, else the text
    itself, which validation then explains."""
    if kind == "oui_non" and answer in ("oui", "non"):
        return answer == "oui"
    if kind == "date":
        try:
            return dt.date.fromisoformat(answer)
        except ValueError:
            return answer
    if kind in ("nombre", "montant") and _INTEGER.fullmatch(answer):
        return int(answer)
    return _text(kind, answer)


def _text(kind: str, answer: str) -> Any:
    if kind == "texte_long" and "\n" in answer:
        return LiteralScalarString(answer + "\n")
    if _NOT_TEXT.fullmatch(answer):  # "69001" as `convgen nouveau` writes numbers
        return DoubleQuotedScalarString(answer)
    return answer


def _get(data: Any, path: DataPath) -> Any:
    for step in path:
        if isinstance(step, int):
            data = data[step] if isinstance(data, list) and step < len(data) else None
        elif isinstance(data, str) and step == "texte":
            continue  # a group written as one sentence is its « texte » (a retention)
        else:
            data = data.get(step) if isinstance(data, Mapping) else None
    return data


def _container(data: CommentedMap, path: DataPath) -> Any:
    """The mapping or list at ``path``, creating the missing mappings on the way."""
    current: Any = data
    for step in path:
        if isinstance(step, int):
            current = current[step]
            continue
        if not isinstance(current.get(step), Mapping | list):
            current[step] = CommentedMap()
        current = current[step]
    return current


def _prune(data: CommentedMap, path: DataPath) -> None:
    """An optional group left with no answer disappears from the file."""
    parent, value = _get(data, path[:-1]), _get(data, path)
    if isinstance(parent, CommentedMap) and isinstance(value, Mapping) and not value:
        del parent[path[-1]]


def own_codes(data: Any, path: DataPath = ()) -> dict[DataPath, str]:
    """The codes the input gives its organisations (and third parties, funders): the
    ``code`` of each element of a list, by path."""
    found: dict[DataPath, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            here = (*path, key)
            if key == "code" and path and isinstance(path[-1], int) and isinstance(value, str):
                found[here] = value
            else:
                found |= own_codes(value, here)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found |= own_codes(value, (*path, index))
    return found


def follow_renamed_codes(
    data: CommentedMap, model: type[BaseModel], before: Mapping[DataPath, str]
) -> None:
    """An organisation's code changed in its section: every reference to the old code
    elsewhere (flows, roles, signatures, indicators…) follows it, rather than point at
    nothing in five other sections. Codes swapped in one answer follow each other; a
    rename that would make two organisations share a code (or take the group's own,
    or start from a code two organisations shared) is left to validation, which names
    the clash: merging their references could not be undone."""
    after = own_codes(data)
    renames = {
        old: new
        for path, old in before.items()
        if isinstance(new := after.get(path), str) and new and new != old
    }
    counted_before, counted_after = Counter(before.values()), Counter(after.values())
    renames = {
        old: new
        for old, new in renames.items()
        if counted_before[old] == 1 and counted_after[new] == 1 and new != GROUP
    }
    if renames:
        _rename(data, model, renames, ())


def _rename(node: Any, model: type[BaseModel], renames: Mapping[str, str], path: DataPath) -> None:
    """One pass: each reference to a renamed code takes its new code (so a swap swaps)."""
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, value in items:
        here = (*path, key)
        if (
            isinstance(value, str)
            and value in renames
            and key != "code"
            and is_code_at(model, here)
        ):
            node[key] = renames[value]
        elif isinstance(value, dict | list):
            _rename(value, model, renames, here)

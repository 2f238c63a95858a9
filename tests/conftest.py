"""Shared fixtures: the examples as data, validation and rendering helpers."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from convgen.documents.registry import type_of
from convgen.errors import Problem
from convgen.loading import RawInput, read_input
from convgen.regles import RULES
from convgen.rendering.generation import render_document
from convgen.rendering.prepared import PreparedTemplate
from convgen.rendering.store import default_templates_dir, load_bundle
from convgen.validation.validator import Options, Validated, validate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "exemples").glob("*.yaml"))
TODAY = dt.date(2026, 11, 22)
_BASE = read_input(ROOT / "exemples" / "chrs-csapa-addictions.yaml").data
_PREPARED: dict[str, PreparedTemplate] = {}


def convention() -> dict[str, Any]:
    """A fresh copy of a valid convention (the CHRS–CSAPA example), to be altered."""
    return copy.deepcopy(_BASE)


def check(data: dict[str, Any], *, draft: bool = False, strict: bool = False) -> Validated:
    return validate(RawInput("essai.yaml", data), Options(today=TODAY, draft=draft, strict=strict))


def rules_found(validated: Validated) -> dict[str, list[Problem]]:
    found: dict[str, list[Problem]] = {}
    for problem in validated.problems:
        found.setdefault(problem.rule or "", []).append(problem)
    return found


def prepared(template: str = "convention_partenariat.docx") -> PreparedTemplate:
    """Templates are prepared once per test session, as the batch does."""
    if template not in _PREPARED:
        _PREPARED[template] = PreparedTemplate(load_bundle(default_templates_dir(), template))
    return _PREPARED[template]


def render(data: dict[str, Any], *, draft: bool = False) -> bytes:
    validated = check(data, draft=draft)
    assert validated.ok, [str(p) for p in validated.problems if p.is_error]
    return render_validated(validated, draft=draft)


def render_validated(validated: Validated, *, draft: bool = False) -> bytes:
    """The document of a valid input, with its own type's template."""
    assert isinstance(validated, Validated)
    return render_document(validated, prepared(type_of(validated.document).template), draft=draft)


def example(name: str) -> dict[str, Any]:
    """A fresh copy of one example of ``exemples/`` as data."""
    return copy.deepcopy(read_input(ROOT / "exemples" / f"{name}.yaml").data)


def set_path(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """``set_path(d, "parties.0.siren", "1")``; the value None deletes the key."""
    *parents, last = path.split(".")
    node: Any = data
    for step in parents:
        node = node[int(step)] if isinstance(node, list) else node[step]
    key: Any = int(last) if isinstance(node, list) else last
    if value is None:
        if isinstance(node, dict):
            node.pop(key, None)
        else:
            del node[key]
    else:
        node[key] = value
    return data


def write_yaml(path: Path, data: dict[str, Any]) -> Path:
    buffer = io.StringIO()
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.dump(json.loads(json.dumps(data, default=str)), buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def valid_file(tmp_path: Path) -> Path:
    return write_yaml(tmp_path / "convention.yaml", convention())


def changes(**values: Any) -> Any:
    """A mutation for rule tables: ``changes(parties__0__siren="1")`` sets (None deletes)."""

    def mutate(data: dict[str, Any]) -> dict[str, Any]:
        for path, value in values.items():
            set_path(data, path.replace("__", "."), value)
        return data

    return mutate


def assert_rule_case(
    base: dict[str, Any],
    rule: str,
    mutate: Any,
    path: str,
    fragment: str,
    *,
    severity: Any = None,
) -> None:
    """``mutate(base)`` breaks ``rule``: the problem has this path, message and severity.

    ``severity`` defaults to the rule's own (error for [C], warning otherwise); rules that
    set another severity on a finding (documented in the rule) pass it explicitly.
    """
    validated = check(mutate(base))
    found = rules_found(validated).get(rule, [])
    assert found, f"{rule} not reported; got {[str(p) for p in validated.problems]}"
    matching = [p for p in found if p.path == path and fragment in p.message]
    assert matching, [f"{p.path} : {p.message}" for p in found]
    assert matching[0].severity is (severity or RULES[rule].default_severity)

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

from convgen.errors import Problem
from convgen.generation import render_document
from convgen.loading import RawInput, read_input
from convgen.rendering import PreparedTemplate
from convgen.template_store import default_templates_dir, load_bundle
from convgen.validation import Options, Validated, validate

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
    return render_document(validated, prepared(), draft=draft)


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

"""Shared fixtures: the examples as data, validation and rendering helpers, the rule
case harness, the one .docx part editor, and the deselection of the slow tests."""

from __future__ import annotations

import atexit
import copy
import datetime as dt
import io
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from ci import SLOW_MARKER, SLOW_VARIABLE, in_ci, slow_tests_wanted
from ruamel.yaml import YAML

from convgen.documents.registry import type_of
from convgen.errors import Problem, Severity
from convgen.loading import RawInput, read_input
from convgen.regles import RULES
from convgen.rendering.generation import render_document
from convgen.rendering.prepared import PreparedTemplate
from convgen.rendering.store import default_templates_dir, load_bundle
from convgen.validation.validator import Options, Validated, validate

# Templates compiled by the tests and the commands they run are kept in a folder of
# this session, not in the user's cache (see convgen.rendering.compiled).
_COMPILED = tempfile.mkdtemp(prefix="convgen-tests-compiles-")
os.environ["CONVGEN_CACHE"] = _COMPILED
atexit.register(shutil.rmtree, _COMPILED, ignore_errors=True)

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


Data = dict[str, Any]
Mutation = Callable[[Data], Data]


def appending(path: str, text: str) -> Mutation:
    """A mutation that adds ``text`` after the free text at ``path`` (« retrait.motif »)."""

    def mutate(data: dict[str, Any]) -> dict[str, Any]:
        node: Any = data
        *parents, last = path.split(".")
        for step in parents:
            node = node[int(step) if step.isdigit() else step]
        node[last] = f"{node[last]} {text}"
        return data

    return mutate


def changes(**values: Any) -> Mutation:
    """A mutation for rule tables: ``changes(parties__0__siren="1")`` sets (None deletes)."""

    def mutate(data: Data) -> Data:
        for path, value in values.items():
            set_path(data, path.replace("__", "."), value)
        return data

    return mutate


# --- rule cases --------------------------------------------------------------------


class RuleCase(NamedTuple):
    """How to break one rule: ``mutate`` applied to a copy of an example of exemples/
    reports ``rule`` at ``path`` with a message that contains ``fragment``."""

    rule: str
    example: str
    mutate: Mutation
    path: str
    fragment: str


def rule_cases(cases: Sequence[tuple[str, str, Mutation, str, str]]) -> pytest.MarkDecorator:
    """Parametrize a test with one ``case`` (a RuleCase) per row of a rule table, named
    after its rule and row: ``ID-01-0``, ``ID-02-1``..."""
    return pytest.mark.parametrize(
        "case", [RuleCase(*c) for c in cases], ids=[f"{c[0]}-{i}" for i, c in enumerate(cases)]
    )


def assert_rule_case(case: RuleCase, *, severity: Severity | None = None) -> None:
    """The example, broken by ``case.mutate``, reports ``case.rule`` with the case's
    path, message and severity.

    ``severity`` defaults to the rule's own (error for [C], warning otherwise); rules that
    set another severity on a finding (documented in the rule) pass it explicitly.
    """
    validated = check(case.mutate(example(case.example)))
    found = rules_found(validated).get(case.rule, [])
    assert found, f"{case.rule} not reported; got {[str(p) for p in validated.problems]}"
    matching = [p for p in found if p.path == case.path and case.fragment in p.message]
    assert matching, [f"{p.path} : {p.message}" for p in found]
    assert matching[0].severity is (severity or RULES[case.rule].default_severity)


# --- .docx packages ----------------------------------------------------------------


def replacing(old: str | bytes, new: str | bytes, *, count: int = -1) -> Callable[[bytes], bytes]:
    """An edit for ``edit_docx_part``: ``old`` (which must be there) becomes ``new``, the
    first ``count`` times (all by default); text is UTF-8."""
    before = old.encode() if isinstance(old, str) else old
    after = new.encode() if isinstance(new, str) else new

    def edit(data: bytes) -> bytes:
        assert before in data, old
        return data.replace(before, after, count)

    return edit


def edit_docx_part(docx: Path | bytes, part: str, edit: Callable[[bytes], bytes]) -> bytes:
    """The package ``docx`` with its ``part`` (e.g. word/document.xml) replaced by
    ``edit(its bytes)``, the way an author's edit would change it: every other part,
    the order, dates and compression of the entries are kept. A file is rewritten in
    place; the new package is returned either way."""
    with zipfile.ZipFile(docx if isinstance(docx, Path) else io.BytesIO(docx)) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    assert part in [info.filename for info, _ in entries], part
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            target.writestr(info, edit(data) if info.filename == part else data)
    if isinstance(docx, Path):
        docx.write_bytes(output.getvalue())
    return output.getvalue()


def edited_templates(folder: Path, docx: str, old: str, new: str) -> Path:
    """A copy of the shipped templates in ``folder`` with ``old`` replaced by ``new``
    once in the body of ``docx`` (« fragments/signatures.docx » for a fragment)."""
    from convgen.rendering.store import default_templates_dir  # noqa: PLC0415

    shutil.copytree(default_templates_dir(), folder)
    edit_docx_part(folder / docx, "word/document.xml", replacing(old, new, count=1))
    return folder


# --- slow tests ----------------------------------------------------------------------


def pytest_report_header() -> str:
    wanted = "lancés" if slow_tests_wanted() else f"désélectionnés ({SLOW_VARIABLE}=1 : lancés)"
    return f"CI : {'oui' if in_ci() else 'non'} ; cas longs (marqueur « {SLOW_MARKER} ») : {wanted}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Outside CI, and unless CONVGEN_TESTS_LENTS=1 or an explicit ``-m`` chooses, the
    slow tests are deselected (reported as such)."""
    if slow_tests_wanted() or config.getoption("markexpr"):
        return
    slow = [item for item in items if item.get_closest_marker(SLOW_MARKER)]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker(SLOW_MARKER)]

"""The verdict a batch records with each input's parse: reused after a template change
(the rules are not run again), never once the engine, the options or the day change
what the rules would find."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
import shutil
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from batch_support import CHRS, ENFANCE, make_inputs, rebuilt, regenerate
from conftest import ROOT, convention, edit_docx_part, replacing, set_path, write_yaml

import convgen
from convgen.batch import worker as build_worker
from convgen.batch.parsed import Verdict, pack, unpack
from convgen.batch.report import Reason
from convgen.batch.worker import Outcome, Setup, Task, Worker
from convgen.loading import parse_input, read_input
from convgen.validation.validator import Options

D1 = dt.date(2026, 12, 1)
GCSMS = ROOT / "exemples" / "gcsms-associations-handicap.yaml"


def count_validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The inputs the batch runs the rules on from now on (the worker's ``validate``)."""
    validated: list[str] = []
    validate = build_worker.validate

    def counting(raw: Any, options: Options) -> Any:
        validated.append(raw.source)
        return validate(raw, options)

    monkeypatch.setattr(build_worker, "validate", counting)
    return validated


def messages(report: dict[str, Any]) -> dict[str, list[str]]:
    return {Path(doc["entree"]).name: doc["messages"] for doc in report["documents"]}


def edit_template(templates: Path, new: str) -> None:
    signatures = templates / "fragments" / "signatures.docx"
    text = zipfile.ZipFile(signatures).read("word/document.xml").decode("utf-8")
    old = re.search(r"Fait(?: \(\w+\))? à", text)
    assert old is not None
    edit_docx_part(signatures, "word/document.xml", replacing(old.group(0), new))


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    inputs = make_inputs(tmp_path / "entrees")
    templates = Path(shutil.copytree(ROOT / "modeles", tmp_path / "modeles"))
    return inputs, tmp_path / "sorties", templates


def test_template_edit_reuses_the_verdicts_and_reports_the_same_messages(
    folders: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, outputs, templates = folders
    validated = count_validations(monkeypatch)
    first = regenerate(inputs, outputs, "--modeles", templates)
    assert len(validated) == 3
    assert any(messages(first).values())  # the examples do carry warnings to compare
    edit_template(templates, "Fait (relu) à")
    second = regenerate(inputs, outputs, "--modeles", templates)
    assert set(rebuilt(second, inputs).values()) == {"modèle modifié"}
    assert len(validated) == 3  # no rule ran again
    assert messages(second) == messages(first)
    problems = {doc["entree"]: doc["problemes"] for doc in first["documents"]}
    assert {doc["entree"]: doc["problemes"] for doc in second["documents"]} == problems


def test_strict_mode_or_a_new_engine_runs_the_rules_again(
    folders: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, outputs, templates = folders
    write_yaml(inputs / "a.yaml", set_path(convention(), "parties.0.date_creation", "2099-01-01"))
    validated = count_validations(monkeypatch)
    first = regenerate(inputs, outputs, "--modeles", templates)
    assert len(validated) == 3
    assert any("[ID-11]" in message for message in messages(first)["a.yaml"])  # a warning
    edit_template(templates, "Fait (strict) à")
    strict = regenerate(inputs, outputs, "--modeles", templates, "--strict", code=1)
    assert len(validated) == 6  # the verdicts were made without --strict
    assert {Path(d["entree"]).name: d["statut"] for d in strict["documents"]}["a.yaml"] == "echec"

    monkeypatch.setattr(convgen, "__version__", "99.0.0")
    regenerate(inputs, outputs, "--modeles", templates)
    assert len(validated) == 9  # another engine: its rules may find otherwise


def _task(content: bytes, source: str, cache: bytes | None = None) -> Task:
    return Task(
        input="a.yaml",
        source=source,
        content=content,
        is_json=False,
        reason=Reason.MODELE,
        cache=cache,
        cache_sha256=hashlib.sha256(content).hexdigest() if cache is not None else None,
    )


def _run(today: dt.date, task: Task, strict: bool = False) -> Outcome:
    setup = Setup(Options(today=today, strict=strict), "moteur", {}, {}, render=False)
    return Worker(setup).run(task)


def _rules(outcome: Outcome) -> set[str | None]:
    return {problem.rule for problem in outcome.problems}


def test_a_date_compared_with_today_ends_the_verdict_on_that_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = D1 + dt.timedelta(days=10)
    data = read_input(ENFANCE).data  # its preamble cites an article: one more message
    source = write_yaml(
        tmp_path / "a.yaml", set_path(data, "parties.0.date_creation", created.isoformat())
    )
    content = source.read_bytes()
    first = _run(D1, _task(content, str(source)))
    assert "ID-11" in _rules(first)  # created in the future
    assert first.cache is not None
    _, verdict = unpack(first.cache, str(source), content, dict)
    assert verdict is not None and (verdict.since, verdict.until) == (D1, created)

    validated = count_validations(monkeypatch)
    later = _run(created - dt.timedelta(days=1), _task(content, str(source), first.cache))
    assert validated == [] and later.problems == first.problems
    on_the_day = _run(created, _task(content, str(source), first.cache))
    assert validated == [str(source)] and "ID-11" not in _rules(on_the_day)
    # The record keeps no positions: the lines of the new messages come from the file.
    assert on_the_day.problems == _run(created, _task(content, str(source))).problems
    assert on_the_day.problems and all(p.line for p in on_the_day.problems)
    before = _run(D1 - dt.timedelta(days=1), _task(content, str(source), first.cache))
    assert len(validated) == 3 and "ID-11" in _rules(before)  # a clock set back


def test_a_verdict_without_dates_holds_on_any_later_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A GCSMS of indefinite term, signed in the past: no rule compares a date to come."""
    content = GCSMS.read_bytes()
    first = _run(D1, _task(content, str(GCSMS)))
    assert first.cache is not None and first.problems
    validated = count_validations(monkeypatch)
    years_later = _run(D1 + dt.timedelta(days=3000), _task(content, str(GCSMS), first.cache))
    assert validated == [] and years_later.problems == first.problems


def test_a_verdict_ends_the_day_after_the_convention_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """The convention of ENFANCE runs to 28 February 2029: from 1 March, DT-08 says it
    is over, so the verdict recorded before is not reused."""
    content = ENFANCE.read_bytes()
    first = _run(D1, _task(content, str(ENFANCE)))
    assert first.cache is not None and "DT-08" not in _rules(first)
    validated = count_validations(monkeypatch)
    last_day = _run(dt.date(2029, 2, 28), _task(content, str(ENFANCE), first.cache))
    assert validated == [] and last_day.problems == first.problems
    after = _run(dt.date(2029, 3, 1), _task(content, str(ENFANCE), first.cache))
    assert validated == [str(ENFANCE)] and "DT-08" in _rules(after)


def test_recorded_problems_name_the_input_where_it_is_now(tmp_path: Path) -> None:
    content = ENFANCE.read_bytes()
    first = _run(D1, _task(content, str(ENFANCE)))
    assert first.cache is not None
    moved = str(tmp_path / "ailleurs" / "a.yaml")
    again = _run(D1, _task(content, moved, first.cache))
    assert again.problems and {problem.source for problem in again.problems} == {moved}
    assert [str(p).split(":", 1)[1] for p in again.problems] == [
        str(p).split(":", 1)[1] for p in first.problems
    ]


def test_a_state_recorded_before_verdicts_is_read_and_completed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    content = CHRS.read_bytes()
    raw = parse_input(content, str(CHRS))
    positions = [[list(p), w.line, w.value_line, w.value_column] for p, w in raw.positions.items()]
    old = zlib.compress(json.dumps([raw.data, json.dumps(positions)]).encode("utf-8"))
    assert unpack(old, str(CHRS), content, dict)[1] is None
    validated = count_validations(monkeypatch)
    outcome = _run(D1, _task(content, str(CHRS), old))
    assert validated == [str(CHRS)] and not outcome.failed
    assert (
        outcome.cache is not None and unpack(outcome.cache, str(CHRS), content, dict)[1] is not None
    )


def test_a_verdict_naming_another_file_is_not_recorded() -> None:
    raw = parse_input(ENFANCE.read_bytes(), str(ENFANCE))
    elsewhere = Verdict("moteur", D1, None, ())
    assert (
        unpack(pack(raw, elsewhere) or b"", str(ENFANCE), ENFANCE.read_bytes(), dict)[1]
        == elsewhere
    )
    outcome = _run(D1, _task(ENFANCE.read_bytes(), str(ENFANCE)))
    foreign = tuple(
        type(p)(p.message, p.severity, "autre.yaml", p.line, p.path, p.rule)
        for p in outcome.problems
    )
    assert foreign
    packed = pack(raw, Verdict("moteur", D1, None, foreign))
    assert (
        packed is not None and unpack(packed, str(ENFANCE), ENFANCE.read_bytes(), dict)[1] is None
    )


def test_rule_modules_read_the_clock_only_through_is_future() -> None:
    """Rules, the schema and the completeness checks: no other way to the date (a
    verdict is reused on later days on the strength of it)."""
    folders = ("regles", "schema", "validation")
    readers = [
        path.relative_to(ROOT).as_posix()
        for folder in folders
        for path in sorted((ROOT / "convgen" / folder).rglob("*.py"))
        if path != ROOT / "convgen" / "regles" / "base.py"
        and re.search(r"\btoday\b|\bnow\(|\btime\(\)", path.read_text(encoding="utf-8"))
    ]
    # Both pass options.today on (partial: the atelier's provisional check, never recorded).
    assert readers == ["convgen/validation/partial.py", "convgen/validation/validator.py"]


def test_a_record_made_reading_yaml_does_not_serve_a_file_now_named_json() -> None:
    """The same bytes renamed from ``.yaml`` to ``.json``: read as JSON, as the name says
    (they are not JSON), not taken from the record of their YAML reading."""
    content = ENFANCE.read_bytes()
    first = _run(D1, _task(content, "a.yaml"))
    assert first.cache is not None and not first.failed
    renamed = dataclasses.replace(_task(content, "a.json", first.cache), is_json=True)
    outcome = _run(D1, renamed)
    assert outcome.failed
    assert "JSON" in str(outcome.problems[0]) and outcome.problems[0].source == "a.json"

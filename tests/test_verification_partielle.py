"""The rules on an input whose required answers are not all given (the atelier checks
each section as it is filled): problems found on the answers given, and never one that
a stand-in for a missing answer made up."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from pydantic import BaseModel

from convgen.errors import DataPath
from convgen.loading import RawInput, read_input
from convgen.schema.document import MODELS
from convgen.schema.introspection import unwrap
from convgen.validation.partial import provisional_problems
from convgen.validation.validator import Options, Rejected, Validated, validate

OPTIONS = Options(today=dt.date(2026, 12, 6))
EXAMPLES = sorted((ROOT / "exemples").glob("*.yaml"))
GOLDEN_INPUTS = sorted((ROOT / "tests" / "golden" / "entrees").glob("*.yaml"))


def test_the_rules_run_on_the_answers_given_while_others_are_missing() -> None:
    raw = read_input(ROOT / "exemples" / "charte-reseau-rural-domicile.yaml")
    del raw.data["type_reseau"], raw.data["signature"]
    raw.data["membres"][0]["siret"] = "12345678900012"
    assert isinstance(validate(raw, OPTIONS), Rejected)  # no document: no rule ran
    found = {(p.rule, p.path) for p in provisional_problems(raw, OPTIONS)}
    assert ("ID-02", "membres[1].siret") in found
    assert not [p for p in found if p[1].startswith(("signature", "type_reseau"))]


def test_information_a_final_document_lacks_is_told_while_others_are_missing() -> None:
    raw = read_input(ROOT / "exemples" / "chrs-csapa-addictions.yaml")
    del raw.data["signature"], raw.data["objet"]
    found = {(p.path, p.message) for p in provisional_problems(raw, OPTIONS)}
    assert (
        "objet",
        "Objet de la convention à compléter avant la version définitive (ou "
        "générez un projet avec --brouillon).",
    ) in found


def test_an_input_naming_no_document_type_gets_no_rule() -> None:
    assert provisional_problems(RawInput("x.yaml", {"titre": "t"}), OPTIONS) == ()


def _required(model: type[BaseModel], data: Any, path: DataPath = ()) -> Iterator[DataPath]:
    """The paths of the required answers ``data`` gives, groups and lists walked."""
    if not isinstance(data, dict):
        return
    for name, field in model.model_fields.items():
        if name not in data or name == "type":
            continue
        here = (*path, name)
        if field.is_required():
            yield here
        kind = unwrap(field.annotation)
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            yield from _required(kind, data[name], here)
        elif getattr(kind, "__origin__", None) is list:
            item = unwrap(kind.__args__[0])
            if isinstance(item, type) and issubclass(item, BaseModel):
                for index, element in enumerate(data[name]):
                    yield from _required(item, element, (*here, index))


def _assert_never_made_up(path: Path) -> None:
    """Each required answer of a valid input taken out in turn: every problem found on
    the rest is one the complete input has too (same rule, place and words)."""
    raw = read_input(path)
    complete = validate(raw, OPTIONS)
    assert isinstance(complete, Validated)
    truth = {(p.rule, p.path, p.message) for p in complete.problems}
    for required in _required(MODELS[raw.data["type"]], raw.data):
        partial = copy.deepcopy(raw)
        node: Any = partial.data
        for step in required[:-1]:
            node = node[step]
        del node[required[-1]]
        for problem in provisional_problems(partial, OPTIONS):
            assert (problem.rule, problem.path, problem.message) in truth, (required, problem)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_no_problem_is_made_up_by_a_stand_in(path: Path) -> None:
    _assert_never_made_up(path)


@pytest.mark.lent
@pytest.mark.parametrize("path", GOLDEN_INPUTS, ids=[p.stem for p in GOLDEN_INPUTS])
def test_no_problem_is_made_up_by_a_stand_in_golden_inputs(path: Path) -> None:
    _assert_never_made_up(path)


def test_an_ambiguous_amount_is_told_while_other_answers_are_missing(tmp_path: Path) -> None:
    """« 7.800 » is read 7,80 €: said on the section that holds it, not once the
    director has answered everything else."""
    text = (ROOT / "exemples" / "cada-empp-sante-mentale.yaml").read_text(encoding="utf-8")
    text = text.replace("      montant: 7800.00\n", "      montant: 7.800\n", 1)
    path = tmp_path / "montant.yaml"
    without_signature = re.sub(r"\nsignature:\n(?:[ #].*\n|\n)*", "\n", text)
    path.write_text(without_signature, encoding="utf-8")
    raw = read_input(path)
    assert isinstance(validate(raw, OPTIONS), Rejected)
    found = [p for p in provisional_problems(raw, OPTIONS) if "ambigu" in p.message]
    assert [(p.path, p.line) for p in found] == [
        ("dispositions_financieres.versements[1].montant", 324)
    ]
    assert found[0].message.startswith("montant « 7.800 » ambigu : le point y sépare")

"""§J rules on dates, subsidies, free text and health networks (regles/fond.py): each
breaks on one input with its id, field and French message, and the examples explain
every warning they give."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from conftest import RuleCase, appending, assert_rule_case, check, example, rule_cases, rules_found

from convgen.errors import Severity

Data = dict[str, Any]
CONVENTION = "chrs-csapa-addictions"
GCSMS = "gcsms-associations-handicap"
HEALTH = "charte-reseau-sante-precarite"


CASES: list[tuple[str, str, Callable[[Data], Data], str, str]] = [
    (
        "TX-02",
        GCSMS,
        appending("retrait.consequences_financieres", "Le quorum est fixé au tiers des droits."),
        "retrait.consequences_financieres",
        "fixe un quorum (33,33 %) incompatible avec la valeur déclarée (50 %)",
    ),
]


@rule_cases(CASES)
def test_rule_reports_its_message(case: RuleCase) -> None:
    assert_rule_case(case)


def test_a_legal_reference_in_free_text_is_pointed_out_to_the_reviewer() -> None:
    data = appending("objet", "Elle applique l'article L. 312-7 du CASF.")(example(CONVENTION))
    found = rules_found(check(data))["TX-05"]
    assert [(p.path, p.severity) for p in found] == [("objet", Severity.INFORMATION)]
    assert "cite « article L. 312-7 »" in found[0].message


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("Elle suit l'instruction DGAS/5D n° 2007-309.", "instruction DGAS"),
        ("Selon l'instruction interministérielle du 4 mai 2026.", "instruction interministérielle"),
        ("Instruction des demandes d'aide sociale légale et facultative.", None),
        ("L'instruction du dossier est faite par le CCAS.", None),
    ],
)
def test_an_instruction_is_a_reference_only_when_cited_as_one(text: str, cited: str | None) -> None:
    data = appending("objet", text)(example(CONVENTION))
    found = [p.message for p in rules_found(check(data)).get("TX-05", []) if p.path == "objet"]
    assert found == ([] if cited is None else [found[0]])
    assert cited is None or f"cite « {cited}" in found[0]


def test_a_quorum_asked_on_a_second_convocation_is_not_contrary_to_the_code() -> None:
    text = (
        "Le quorum est atteint lorsque la moitié des droits est représentée. Sur seconde "
        "convocation, le quorum est réduit au tiers des droits."
    )
    data = appending("retrait.consequences_financieres", text)(example(GCSMS))
    assert "TX-02" not in rules_found(check(data))
    below = appending("retrait.consequences_financieres", "Le quorum est du tiers des droits.")
    assert "TX-02" in rules_found(check(below(example(GCSMS))))
    first_call = "Le quorum est du tiers des droits, sauf sur seconde convocation."
    below = appending("retrait.consequences_financieres", first_call)
    assert "TX-02" in rules_found(check(below(example(GCSMS))))


def test_the_quorum_written_as_declared_is_accepted() -> None:
    text = "Le quorum est atteint lorsque la moitié des droits est représentée."
    data = appending("retrait.consequences_financieres", text)(example(GCSMS))
    assert "TX-02" not in rules_found(check(data))


# The cases of DT-02, DT-04, CP-17 and TX-04 are in test_rules.py, CR-10's in
# test_rules_charte.py, with the other rules of their document.
@pytest.mark.parametrize("rule", ["DT-02", "DT-04", "CP-17", "CR-10", "TX-02"])
def test_the_rule_is_silent_on_the_examples(rule: str) -> None:
    for name in (CONVENTION, GCSMS, HEALTH):
        assert rule not in rules_found(check(example(name)))


def test_every_warning_of_an_example_is_explained_by_a_comment_in_it() -> None:
    from conftest import ROOT  # noqa: PLC0415

    for path in sorted((ROOT / "exemples").glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        validated = check(example(path.stem))
        for problem in validated.problems:
            if problem.severity is not Severity.AVERTISSEMENT:
                continue
            comments = " ".join(line for line in lines if line.lstrip().startswith("#"))
            assert re.search(rf"\b{problem.rule}\b", comments), (path.name, str(problem))

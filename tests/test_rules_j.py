"""Rules of domaine.md §J (free text, members, GCSMS references): each breaks on one input
with its id, field and French message, and stays silent on the shipped examples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import (
    RuleCase,
    appending,
    assert_rule_case,
    changes,
    check,
    example,
    rule_cases,
    rules_found,
)

from convgen.cli import main as cli
from convgen.errors import Severity
from convgen.regles import RULES

Data = dict[str, Any]
PRIVATE = "gcsms-associations-handicap"
MIXED = "gcsms-mixte-ccas-ehpad"


CASES: list[tuple[str, str, Callable[[Data], Data], str, str]] = [
    (
        "TX-01",
        PRIVATE,
        appending("retrait.consequences_financieres", "Un membre peut se retirer à tout moment."),
        "retrait.consequences_financieres",
        "« Un membre peut se retirer à tout moment. » permet un retrait à tout moment",
    ),
    (
        "GC-42",
        PRIVATE,
        appending("objet", "Il est régi par les articles R. 312-194-1 et suivants du CASF."),
        "objet",
        "Remplacez « R. 312-194-1 et suivants » par « R. 312-194-1 à R. 312-194-25 »",
    ),
    (
        "TX-03",
        PRIVATE,
        changes(dissolution__devolution="Le boni de liquidation est réparti entre les membres."),
        "dissolution.devolution",
        "La dévolution prévoit un partage de l'actif entre les membres",
    ),
    (
        "PI-19",
        PRIVATE,
        changes(partage_information=None),
        "missions[2]",
        "La convention exclut tout échange d'informations alors que le groupement assure",
    ),
    (
        "GC-43",
        MIXED,
        changes(membres__2__siren="213900178"),
        "membres[3].siren",
        "ont le même SIREN : un établissement sans personnalité morale est représenté",
    ),
]


@rule_cases(CASES)
def test_rule_reports_its_message(case: RuleCase) -> None:
    # GC-42 is [C]/[P]: the open range blocks, the 2007 instruction only warns.
    severity = Severity.ERREUR if case.rule == "GC-42" else None
    assert_rule_case(case, severity=severity)


@pytest.mark.parametrize("rule", sorted({c[0] for c in CASES}))
def test_the_rule_is_silent_on_the_examples(rule: str) -> None:
    for name in (PRIVATE, MIXED):
        assert rule not in rules_found(check(example(name)))


def test_the_2007_instruction_is_cited_for_memory_only() -> None:
    data = appending("objet", "Voir l'instruction n° 2007-309.")(example(PRIVATE))
    assert [p.path for p in rules_found(check(data))["GC-42"]] == ["objet"]
    data = appending("objet", "Voir, pour mémoire, l'instruction n° 2007-309.")(example(PRIVATE))
    assert "GC-42" not in rules_found(check(data))


def test_every_j_rule_has_a_source_and_a_title() -> None:
    families = ("PI-1", "PI-2", "RG-", "SG-", "DT-", "JU-", "TX-", "GC-4", "CR-1", "CP-17")
    for rule in RULES.values():
        if rule.id.startswith(families):
            assert rule.source and "S4" not in rule.source and "S5" not in rule.source
            assert rule.title


def test_a_missing_fnars_principle_now_only_warns(tmp_path: Path) -> None:
    """J.9: CR-01 comes from a practice guide; the file left the refused corpus."""
    source = Path(__file__).parent / "donnees" / "cr-01-principe-manquant.yaml"
    result = CliRunner().invoke(cli.cli, ["valider", str(source)])
    assert result.exit_code == 0, result.output
    assert f"{source}:32: principes : (avertissement)" in result.output
    assert "« évolution » manquant. [CR-01]" in result.output
    strict = CliRunner().invoke(cli.cli, ["valider", "--strict", str(source)])
    assert strict.exit_code == 1

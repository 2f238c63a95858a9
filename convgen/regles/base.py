"""Domain rules as data: id, documents, evidence level, legal source, check.

Ids and evidence levels are those of domaine.md (« Règles de validation »). A
rule's level decides its default severity: [C] blocks, [P]/[NC] warn. Rules
marked ``schema`` are enforced by a field type and ``modele`` ones by the Word
template itself; they are registered so the catalogue (README, review pack)
lists every rule with its source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from convgen.errors import Severity
from convgen.loading import DataPath

CP = "convention_partenariat"
CR = "charte_reseau"
GC = "convention_constitutive_gcsms"
ALL_DOCUMENTS = frozenset({CP, CR, GC})


class Level(StrEnum):
    C = "C"
    C_P = "C/P"
    P = "P"
    NC = "NC"


Enforcement = Literal["regle", "schema", "modele"]


@dataclass(frozen=True)
class Finding:
    """What a check found: where, what, and a severity when it differs from the rule's."""

    path: DataPath
    message: str
    severity: Severity | None = None


@dataclass(frozen=True)
class RuleContext:
    """What checks may know besides the document: the clock comes from outside."""

    today: dt.date


Check = Callable[[Any, RuleContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    documents: frozenset[str]
    level: Level
    source: str
    title: str
    check: Check | None = None
    enforcement: Enforcement = "regle"

    @property
    def default_severity(self) -> Severity:
        return Severity.ERREUR if self.level is Level.C else Severity.AVERTISSEMENT


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str,
    *,
    documents: Iterable[str],
    level: Level,
    source: str,
    title: str,
) -> Callable[[Check], Check]:
    """Register ``check`` as the rule ``rule_id``."""

    def register(check: Check) -> Check:
        _add(Rule(rule_id, frozenset(documents), level, source, title, check))
        return check

    return register


def declared_rule(
    rule_id: str,
    *,
    documents: Iterable[str],
    level: Level,
    source: str,
    title: str,
    enforcement: Enforcement,
) -> None:
    """Register a rule enforced by a field type (``schema``) or by the template (``modele``)."""
    _add(Rule(rule_id, frozenset(documents), level, source, title, None, enforcement))


def _add(new: Rule) -> None:
    if new.id in RULES:
        raise ValueError(f"rule {new.id} registered twice")
    RULES[new.id] = new


def rules_for(document_type: str) -> list[Rule]:
    return [r for r in RULES.values() if document_type in r.documents]


def run_rules(
    document: Any, document_type: str, context: RuleContext
) -> Iterator[tuple[Rule, Finding]]:
    for current in rules_for(document_type):
        if current.check is not None:
            for finding in current.check(document, context):
                yield current, finding

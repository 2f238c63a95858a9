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
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, TypeVar, cast

from convgen.errors import DataPath, Severity
from convgen.schema.document import Document, SharedDocument

CP = "convention_partenariat"
CR = "charte_reseau"
GC = "convention_constitutive_gcsms"
ALL_DOCUMENTS = frozenset({CP, CR, GC})


def noun(doc: SharedDocument) -> str:
    """What the document is called in a message: « charte » or « convention »."""
    return "charte" if doc.type == CR else "convention"


class Level(StrEnum):
    C = "C"
    C_P = "C/P"
    P = "P"
    NC = "NC"


Enforcement = Literal["regle", "schema", "modele", "autres_regles", "relecture"]
"""How a rule is applied: checked on the input (« regle »), by a field type, by the
template, under the ids of other rules that carry its messages, or left to the reviewer
when the input cannot express it (the reason is the rule's open question)."""


@dataclass(frozen=True)
class Finding:
    """What a check found: where, what, and a severity when it differs from the rule's."""

    path: DataPath
    message: str
    severity: Severity | None = None


@dataclass(frozen=True)
class RuleContext:
    """What checks may know besides the document: the clock comes from outside, and
    whether a draft is being written (information still to come only warns then).

    Checks read the clock only through ``is_future``, which records the dates it was
    asked about: a batch reuses a document's verdict until ``horizon`` (a test keeps
    rule modules from reading ``today`` directly).
    """

    today: dt.date
    draft: bool = False
    _asked: set[dt.date] = field(default_factory=set, compare=False, repr=False)

    def is_future(self, day: dt.date) -> bool:
        """Whether ``day`` comes after today."""
        self._asked.add(day)
        return day > self.today

    @property
    def horizon(self) -> dt.date | None:
        """The first day on which a check could judge the dates it was asked about
        otherwise (a date in the future becomes today); None if none ever will."""
        later = [day for day in self._asked if day > self.today]
        return min(later) if later else None


Check = Callable[[Document, RuleContext], Iterable[Finding]]
"""A rule's check: every finding on one document."""

D = TypeVar("D", bound=SharedDocument)


@dataclass(frozen=True)
class Rule:
    id: str
    documents: frozenset[str]
    level: Level
    source: str
    title: str
    check: Check | None = None
    enforcement: Enforcement = "regle"
    explanation: str = ""
    """Plain French for the catalogue: what the rule protects and what to do."""
    open_question: str = ""
    """Why the rule only warns while a legal point is unsettled (« Questions ouvertes »)."""

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
    explanation: str = "",
    open_question: str = "",
) -> Callable[
    [Callable[[D, RuleContext], Iterable[Finding]]], Callable[[D, RuleContext], Iterable[Finding]]
]:
    """Register ``check`` as the rule ``rule_id``.

    A check declares the model it reads (``ConventionGcsms``, or ``SharedDocument`` for a
    rule every type shares); ``documents`` must name only types of that model, since the
    registry hands each check the documents of those types only.
    """

    def register(
        check: Callable[[D, RuleContext], Iterable[Finding]],
    ) -> Callable[[D, RuleContext], Iterable[Finding]]:
        _add(
            Rule(
                rule_id,
                frozenset(documents),
                level,
                source,
                title,
                cast(Check, check),
                explanation=explanation,
                open_question=open_question,
            )
        )
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
    explanation: str = "",
    open_question: str = "",
) -> None:
    """Register a rule enforced by a field type (``schema``), by the template (``modele``),
    by other rules (``autres_regles``) or left to the reviewer (``relecture``)."""
    _add(
        Rule(
            rule_id,
            frozenset(documents),
            level,
            source,
            title,
            None,
            enforcement,
            explanation,
            open_question,
        )
    )


def _add(new: Rule) -> None:
    if new.id in RULES:
        raise ValueError(f"rule {new.id} registered twice")
    RULES[new.id] = new


def rules_for(document_type: str) -> list[Rule]:
    return [r for r in RULES.values() if document_type in r.documents]


def run_rules(document: Document, context: RuleContext) -> Iterator[tuple[Rule, Finding]]:
    """Every finding of every rule that applies to the document's type."""
    for current in rules_for(document.type):
        if current.check is not None:
            for finding in current.check(document, context):
                yield current, finding

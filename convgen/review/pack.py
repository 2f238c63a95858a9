"""The review pack of one document: summary, clause checklist, warnings, sources, provenance.

Pure: a validated input and its rendered .docx in, a :class:`Review` out.
``review.formats`` and ``review.word`` print it as Markdown, JSON or Word.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from convgen.documents.context import build_context
from convgen.documents.registry import type_of
from convgen.echeances.calcul import Obligation
from convgen.errors import Problem
from convgen.regles import RULES, Level
from convgen.regles.citations import citation, legal_force
from convgen.review import points
from convgen.review.checklist import CheckItem, Status, checklist
from convgen.review.points import Default, FlowRow, FreeText, OpenPoint
from convgen.review.provenance import Provenance, read_provenance
from convgen.review.summary import Summary, summarize
from convgen.review.valeurs import checked_values
from convgen.validation.labels import path_label
from convgen.validation.validator import Validated
from convgen.wordml.text import docx_text, sections

_NOT_CITED = frozenset({Status.OMIS, Status.SANS_OBJET})


@dataclass(frozen=True)
class LegalSource:
    """A source the review relies on, its evidence level and what rests on it."""

    source: str
    level: Level
    used_by: tuple[str, ...]


@dataclass(frozen=True)
class Review:
    source: str
    summary: Summary
    checklist: tuple[CheckItem, ...]
    warnings: tuple[Problem, ...]
    provenance: Provenance
    free_texts: tuple[FreeText, ...] = ()
    defaults: tuple[Default, ...] = ()
    flows: tuple[FlowRow, ...] = ()
    open_points: tuple[OpenPoint, ...] = ()
    to_collect: tuple[tuple[str, str], ...] = ()
    calendar: tuple[Obligation, ...] = ()
    values: tuple[tuple[str, str], ...] = ()  # (rule id, the values it checked here)
    # Each warning's field as the atelier names it (« Litiges › Siège du tribunal
    # administratif »), by its path.
    labels: Mapping[str, str] = field(default_factory=dict)

    @property
    def failures(self) -> list[CheckItem]:
        return [item for item in self.checklist if item.failed]

    @property
    def pending(self) -> list[CheckItem]:
        """Items whose text is a draft placeholder (« [à compléter : …] »)."""
        return [item for item in self.checklist if item.status is Status.A_COMPLETER]

    @property
    def optional(self) -> list[CheckItem]:
        return [item for item in self.checklist if item.optional]

    def counts(self) -> dict[Status, int]:
        counts = dict.fromkeys(Status, 0)
        for item in self.checklist:
            counts[item.status] += 1
        return counts

    def sources(self) -> list[LegalSource]:
        """Sources of the clauses checked and of the rules behind the warnings, each once."""
        found: dict[str, tuple[Level, list[str]]] = {}
        cited = [i for i in self.checklist if i.status not in _NOT_CITED]
        for source, level, user in _uses(cited, self.warnings):
            found.setdefault(source, (level, []))[1].append(user)
        return [
            LegalSource(source, level, tuple(dict.fromkeys(users)))
            for source, (level, users) in found.items()
        ]


def _uses(
    items: Iterable[CheckItem], warnings: Iterable[Problem]
) -> Iterable[tuple[str, Level, str]]:
    for item in items:
        yield citation(item.basis.source), item.basis.level, item.title
    for problem in warnings:
        rule = RULES.get(problem.rule or "")
        if rule is not None:
            yield citation(rule.source), rule.level, rule.id


def build_review(validated: Validated, document: bytes, *, draft: bool) -> Review:
    """Check ``document`` (rendered from ``validated``) and gather what the lawyer needs."""
    model = validated.document
    doc_type = type_of(model)
    context = build_context(doc_type, model, draft=draft)
    text_sections = sections(docx_text(document, validated.raw.source))
    problems = validated.problems
    items = tuple(checklist(doc_type, model, context, text_sections, validated.raw))
    ruled = dict.fromkeys(rule for item in items for rule in item.basis.rules)
    values = tuple((rule, found) for rule in ruled if (found := checked_values(rule, model)))
    return Review(
        source=validated.raw.source,
        summary=summarize(doc_type, model, context, draft=draft),
        checklist=items,
        # A draft may be reviewed with blocking errors (the atelier offers its pack): they
        # come first, so that no clause is ticked as checked beside a rule that failed.
        warnings=tuple(sorted(problems, key=lambda p: not p.is_error)),
        provenance=read_provenance(document, validated.raw.source),
        free_texts=tuple(points.free_texts(model, validated.raw, text_sections, problems)),
        defaults=tuple(points.defaults_applied(model, validated.raw)),
        flows=tuple(points.flow_rows(model, problems)),
        open_points=tuple(points.open_points(model)),
        to_collect=tuple(points.to_collect(model)),
        calendar=tuple(points.calendar(model)),
        values=values,
        labels={p.path: path_label(type(model), p.path) for p in problems if p.path},
    )


def level_mark(level: Level, source: str) -> str:
    """The legal force of a clause or rule, in words (« exigé par la loi (texte) »…)."""
    return legal_force(level, source)


def rule_details(problem: Problem) -> Mapping[str, str]:
    """The rule behind a warning: its source and evidence level (empty if none)."""
    rule = RULES.get(problem.rule or "")
    if rule is None:
        return {}
    return {
        "source": citation(rule.source),
        "niveau": rule.level.value,
        "force": level_mark(rule.level, rule.source),
    }

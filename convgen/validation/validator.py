"""Schema errors + domain rules + missing information -> every problem of a file at once."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from convgen.errors import DataPath, Problem, Severity
from convgen.loading import RawInput
from convgen.regles import RULES, Finding, Rule, RuleContext, run_rules
from convgen.schema.base import is_amount
from convgen.schema.completion import missing_information
from convgen.schema.document import MODELS, Document
from convgen.validation.messages import format_path, translate
from convgen.wording.formatting import amount, amount_in_words, did_you_mean


@dataclass(frozen=True)
class Options:
    """What validation depends on besides the file: the date and the modes."""

    today: dt.date
    strict: bool = False
    draft: bool = False


@dataclass(frozen=True)
class Validated:
    """The schema accepted the input: its document, and every problem the rules and the
    completeness checks found (blocking ones included: see ``ok``)."""

    raw: RawInput
    document: Document
    problems: tuple[Problem, ...]
    until: dt.date | None = None
    """The first day on which the rules could find otherwise (a date they compared
    with today is reached); None if only the input, the options and convgen decide."""

    @property
    def ok(self) -> bool:
        """True when nothing blocks the document (warnings aside)."""
        return not any(p.is_error for p in self.problems)

    @functools.cached_property  # used by the batch and by the document's provenance
    def fingerprint(self) -> str:
        """sha256 of the validated data as written: comments and key order do not change
        it; a value written that equals its default does (some clauses print only what
        the input asks in so many words: an opposition under CASF L. 121-6-2)."""
        data = self.document.model_dump_json(exclude_unset=True)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Rejected:
    """The input is not a document of a known type, or the schema refused it."""

    raw: RawInput
    problems: tuple[Problem, ...]
    document: None = None

    @property
    def ok(self) -> Literal[False]:
        return False


Validation = Validated | Rejected
"""What validating one input gives: a document with its problems, or only problems."""


def validate(raw: RawInput, options: Options) -> Validation:
    """Validate parsed input against its document type's schema and rules."""
    unencodable = _unencodable_text(raw)
    if unencodable:  # before anything quotes the input back in a message
        return Rejected(raw, tuple(unencodable))
    model, problems = _model(raw)
    if model is None:
        return Rejected(raw, tuple(problems))
    try:
        document = model.model_validate(raw.data)
    except ValidationError as exc:
        errors = [e for e in exc.errors() if e["loc"] != ("type",)]
        return Rejected(raw, tuple(translate(errors, raw, model)))
    grouped = grouped_amount_problems(raw, document)
    if grouped:
        return Rejected(raw, tuple(grouped))
    context = RuleContext(today=options.today, draft=options.draft)
    problems = _rule_problems(raw, document, context)
    problems += missing_problems(raw, document, options)
    if options.strict:
        problems = [p.escalated() for p in problems]
    problems.sort(key=lambda p: (p.line or 0, p.path, p.rule or ""))
    return Validated(raw, document, tuple(problems), context.horizon)


def validated_again(raw: RawInput, problems: tuple[Problem, ...]) -> Validated | None:
    """The document of an input validated before, with the problems ``validate`` found
    then (the caller knows that nothing they depend on changed): the schema builds the
    document again, the rules are not run (they are most of the cost of validating).
    None if the schema refuses it now: then ``validate`` says why."""
    model, _ = _model(raw)
    if model is None:
        return None
    try:
        return Validated(raw, model.model_validate(raw.data), problems)
    except ValidationError:
        return None


# « 8.500 »: YAML (and JSON) read 8,5, where a French writer meant 8 500.
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
# What may stand before a number as typed: an anchor, a tag, a quote, a plus sign.
_NUMBER_START = re.compile(r"""^(?:[&!]\S*\s+)*["']?\+?""")
_GROUPED_IN = re.compile(r"(?<![\d.])[1-9]\d{0,2}(?:\.\d{3})+(?![\d.])")


def grouped_amount_problems(raw: RawInput, document: BaseModel) -> list[Problem]:
    """The amounts of ``document`` typed with a dot between groups of three digits."""
    return list(_grouped_amounts(raw, document)) if _GROUPED_IN.search(raw.text) else []


def _grouped_amounts(raw: RawInput, node: Any, path: DataPath = ()) -> Iterator[Problem]:
    """Amounts written with a dot between groups of three digits (« 8.500 »): read as
    8,50 €, they would be printed so, in figures and in words, without a word."""
    if isinstance(node, BaseModel):
        values = node.__dict__
        for name, field in type(node).model_fields.items():
            value, at = values[name], (*path, name)
            if isinstance(value, Decimal) and is_amount(field):
                typed = _NUMBER_START.sub("", raw.source_text(at) or "")
                found = _GROUPED.match(typed)  # « 4.250} » in a flow mapping
                written = found.group() if found else ""
                if written and not typed[len(written) :][:1].isalnum():
                    thousands = Decimal(written.replace(".", ""))
                    yield Problem(
                        f"montant « {written} » ambigu : le point y sépare les décimales "
                        f"(« {amount(value)} », {amount_in_words(value)}) ; pour "
                        f"{amount_in_words(thousands)}, écrivez {written.replace('.', ' ')} "
                        f"ou {written.replace('.', '')}",
                        source=raw.source,
                        line=raw.line_of(at),
                        path=format_path(at),
                    )
            elif isinstance(value, BaseModel | list):
                yield from _grouped_amounts(raw, value, at)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _grouped_amounts(raw, item, (*path, index))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _unencodable_text(raw: RawInput) -> list[Problem]:
    # One pass in C over the whole input (keys too) before walking it in Python:
    # almost no input holds such a character.
    flat = json.dumps(raw.data, ensure_ascii=False, skipkeys=True, default=str)
    return list(_lone_surrogates(raw, raw.data, ())) if _SURROGATE.search(flat) else []


def _lone_surrogates(raw: RawInput, node: Any, path: DataPath) -> Iterator[Problem]:
    """Text holding half of a UTF-16 pair (written ``"\\ud800"`` in YAML or JSON): no
    document can hold it, and the schema's own report would fail on it."""
    if isinstance(node, str):
        found = _SURROGATE.search(node)
        if found is not None:
            position = found.start()
            yield Problem(
                f"caractère U+{ord(node[position]):04X} invalide (position {position + 1}) : "
                "moitié d'un caractère codé en UTF-16, il ne peut pas figurer dans un "
                "document Word ; écrivez le caractère lui-même",
                source=raw.source,
                line=raw.line_of(path),
                path=format_path(path),
            )
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _lone_surrogates(raw, key, path)
            yield from _lone_surrogates(raw, value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _lone_surrogates(raw, value, (*path, index))


def model_of(raw: RawInput) -> type[Document] | None:
    """The schema of the document type ``raw`` names, if it names a known one."""
    return _model(raw)[0]


def _model(raw: RawInput) -> tuple[type[Document] | None, list[Problem]]:
    name = raw.data.get("type")
    if isinstance(name, str) and name in MODELS:
        return MODELS[name], []
    known = ", ".join(MODELS)
    if name is None:
        message = f"champ « type » manquant : indiquez le type de document ({known})"
    else:
        hint = did_you_mean(str(name), MODELS)
        message = f"type de document « {name} » inconnu{hint} ; types possibles : {known}"
    return None, [Problem(message, source=raw.source, line=raw.line_of(("type",)), path="type")]


def _rule_problems(raw: RawInput, document: Document, context: RuleContext) -> list[Problem]:
    return [rule_problem(raw, rule, finding) for rule, finding in run_rules(document, context)]


def rule_problem(raw: RawInput, rule: Rule, finding: Finding) -> Problem:
    """A rule's finding as a problem located in ``raw``."""
    return Problem(
        finding.message,
        severity=finding.severity or rule.default_severity,
        source=raw.source,
        line=raw.line_of(finding.path),
        path=format_path(finding.path),
        rule=rule.id,
    )


def missing_problems(raw: RawInput, document: Document, options: Options) -> list[Problem]:
    """The information a final document cannot lack and ``document`` lacks."""
    problems = []
    for missing in missing_information(document):
        if options.draft:
            severity = (
                RULES[missing.rule].default_severity if missing.rule else Severity.INFORMATION
            )
            if severity is Severity.ERREUR:
                severity = Severity.AVERTISSEMENT
            message = f"{missing.label} à compléter : le projet affichera un espace réservé."
        elif missing.advice:  # usual, not required
            severity, message = Severity.AVERTISSEMENT, missing.advice
        else:
            severity = Severity.ERREUR
            message = (
                f"{missing.label} à compléter avant la version définitive (ou générez un "
                "projet avec --brouillon)."
            )
        problems.append(
            Problem(
                message[0].upper() + message[1:],
                severity=severity,
                source=raw.source,
                line=raw.line_of(missing.path),
                path=format_path(missing.path),
                rule=missing.rule,
            )
        )
    return problems

"""One template checked end to end: structure, plan, variables, rendering, coverage."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from convgen.documents.context import build_context
from convgen.documents.registry import DOCUMENT_TYPES, DocumentType
from convgen.errors import ConvgenError, Problem, Severity, TemplateError
from convgen.lint import coverage, location, plan, variables
from convgen.lint.sample import sample_context
from convgen.rendering.failures import name_hint
from convgen.rendering.prepared import Guard, PreparedTemplate, TemplateBundle, unbounded
from convgen.validation.validator import Validated
from convgen.wording.formatting import did_you_mean
from convgen.wordml import structure
from convgen.wordml.package import parse_part, read_package
from convgen.wordml.paragraphs import Paragraph, paragraphs


@dataclass(frozen=True)
class TemplateReport:
    name: str
    problems: tuple[Problem, ...]
    branches: int
    covered: int
    compiled: bool = True  # False: unreadable or not compiled, neither rendered nor measured


@dataclass(frozen=True)
class _Part:
    source: str  # file the author edits (template or fragment)
    part: str  # part inside it
    root: etree._Element
    paragraphs: list[Paragraph]


def lint_template(
    bundle: TemplateBundle,
    doc_type: DocumentType,
    examples: Sequence[Validated],
    *,
    guard: Guard = unbounded,
) -> TemplateReport:
    """Every problem of ``bundle`` used as the template of ``doc_type``; every render
    runs under ``guard``."""
    packages = _packages(bundle)
    parts = list(_parts(packages, bundle.name))
    problems = [*_structure(parts, doc_type), *_unrendered(packages)]
    try:
        prepared = PreparedTemplate(bundle, guard=guard, refuse_flaws=False)
    except ConvgenError as exc:
        problems.append(exc.as_problem())
        return TemplateReport(bundle.name, tuple(problems), 0, 0, compiled=False)
    problems += _variables(prepared, doc_type, parts)
    problems += _renders(prepared, doc_type, examples)
    contexts = [
        build_context(doc_type, e.document, draft=d) for e in examples for d in (False, True)
    ]
    traced = coverage.measure(bundle, contexts, guard=guard)
    problems += (
        [
            _problem(
                Severity.INFORMATION,
                b.source,
                coverage.describe(b, prepared.sources),
                "branche jamais exercée par les exemples",
            )
            for b in traced.missed
        ]
        if contexts
        else []
    )
    return TemplateReport(bundle.name, tuple(problems), len(traced.branches), len(traced.taken))


def _packages(bundle: TemplateBundle) -> list[tuple[str, dict[str, bytes]]]:
    """The parts of the template and of each fragment, by file, read once."""
    return [
        (source, read_package(data, source))
        for source, data in [(bundle.name, bundle.data), *bundle.fragments.items()]
    ]


def _parts(
    packages: list[tuple[str, dict[str, bytes]]], host: str, *, rendered_only: bool = False
) -> Iterator[_Part]:
    """The bodies, and the template's headers and footers, parsed. ``rendered_only``:
    a header or footer that is XML only once rendered (a tag before its root element)
    is left out, as the preparation leaves it to the check of what it renders."""
    for source, package in packages:
        names = ["word/document.xml"]
        if source == host:
            names += sorted(n for n in package if n.startswith(("word/header", "word/footer")))
        for name in names:
            try:
                root = parse_part(package[name], source, name)
            except ConvgenError:
                if rendered_only and name != "word/document.xml":
                    continue
                raise
            yield _Part(source, name, root, paragraphs(root))


def _problem(severity: Severity, source: str, where: str, message: str) -> Problem:
    return Problem(message, severity=severity, source=source, path=where)


def _structure(parts: Sequence[_Part], doc_type: DocumentType) -> Iterator[Problem]:
    for part in parts:
        for finding in structure.check_part(part.root, part.paragraphs, part.part):
            yield _problem(finding.severity, part.source, finding.where, finding.message)
    yield from _plan(parts, doc_type)


def _plan(parts: Sequence[_Part], doc_type: DocumentType) -> Iterator[Problem]:
    """Each article and annex of the type's plan has its heading, in order."""
    host = parts[0]
    fragments = {p.source: p.paragraphs for p in parts[1:] if p.part == "word/document.xml"}
    for kind, specs in (("articles", doc_type.articles), ("annexes", doc_type.annexes)):
        for finding in plan.check_plan(host.paragraphs, fragments, kind, specs):
            yield _problem(finding.severity, host.source, finding.where, finding.message)


def _unrendered(packages: list[tuple[str, dict[str, bytes]]]) -> Iterator[Problem]:
    for source, package in packages:
        for finding in structure.unrendered_tags(package):
            yield _problem(finding.severity, source, finding.where, finding.message)


def _variables(
    prepared: PreparedTemplate, doc_type: DocumentType, parts: Sequence[_Part]
) -> Iterator[Problem]:
    used: set[Any] = set()
    yield from _unknown_variables(prepared, doc_type, parts, used)
    for path in variables.unused_required(doc_type.model, used):
        # An answer the input must give, that the document would never print: the
        # clause it fills is gone (« signature »: the place, date and originals).
        yield _problem(
            Severity.ERREUR,
            prepared.name,
            "document",
            f"le champ obligatoire « {path} » n'est utilisé nulle part dans le modèle : "
            "la clause qui l'imprime a été retirée",
        )


def _unknown_variables(
    prepared: PreparedTemplate,
    doc_type: DocumentType,
    parts: Sequence[_Part],
    used: set[Any] | None = None,
) -> Iterator[Problem]:
    """The variables ``prepared`` uses that ``doc_type``'s context does not have, and
    the filters and tests it names that do not exist, located among ``parts``'
    paragraphs (else by the paragraph's text); ``used`` gathers the schema fields the
    others read. A variable guarded by « is defined » or « |default » is a warning:
    the author expects it may be missing."""
    context = sample_context(doc_type)
    located = {p.source: p.paragraphs for p in parts if p.part == "word/document.xml"}

    def where(template: str, line: int) -> str:
        text = location.source_line_text(prepared.sources[template], line)
        return location.locate(located.get(template, []), text)

    for name in [n for n in prepared.sources if n == prepared.name or ":" in n]:
        walker = variables.walked(prepared.env, name, prepared.sources)
        for use in walker.uses:
            resolution = variables.resolve(context, use.path)
            if used is not None:
                used |= set(resolution.fields)
            if not resolution.found:
                guarded = " (le modèle la garde par « is defined » ou « default »)"
                yield _problem(
                    Severity.AVERTISSEMENT if use.guarded else Severity.ERREUR,
                    use.template,
                    where(use.template, use.line),
                    f"variable inconnue « {use.dotted} » : « {resolution.missing} » "
                    f"n'existe pas pour une {doc_type.label.lower()}"
                    f"{guarded if use.guarded else ''}"
                    f"{did_you_mean(resolution.missing, resolution.known)}",
                )
        for named in walker.named:
            known = prepared.env.filters if named.kind == "filtre" else prepared.env.tests
            if named.name not in known:
                yield _problem(
                    Severity.ERREUR,
                    named.template,
                    where(named.template, named.line),
                    f"{named.kind} « {named.name} » inconnu{name_hint(named.name, known)}",
                )


def refuse_flawed_template(prepared: PreparedTemplate) -> None:
    """Raise, as a TemplateError, the first error ``modeles verifier`` finds in the
    template itself: an unknown variable, filter or test; a required field no clause
    prints any more (the signatures fragment no longer included); an article or annex
    of the plan without its heading; a tag Word keeps where no render reaches it. (The
    flaws of its Word structure are refused when it is prepared.) A template is refused
    as a whole, before any render: otherwise the documents are written with a clause
    missing or misnumbered, or, for a variable in a branch, only some of them fail."""
    doc_type = next((t for t in DOCUMENT_TYPES.values() if t.template == prepared.name), None)
    if doc_type is None:
        return
    try:
        packages = _packages(prepared.bundle)
        parts = list(_parts(packages, prepared.name, rendered_only=True))
        for problem in itertools.chain(
            _variables(prepared, doc_type, parts), _plan(parts, doc_type), _unrendered(packages)
        ):
            if problem.is_error:
                raise TemplateError(
                    f"modèle à corriger ({problem.path}) : {problem.message}",
                    source=problem.source,
                )
    except RecursionError:  # expressions nested beyond what the walk can follow
        raise TemplateError(
            "modèle trop complexe pour être vérifié (blocs ou expressions imbriqués trop "
            "profondément)",
            source=prepared.name,
        ) from None


def _renders(
    prepared: PreparedTemplate, doc_type: DocumentType, examples: Iterable[Validated]
) -> Iterator[Problem]:
    modes = {False: "version définitive", True: "projet"}
    cases = [
        ("document complet de synthèse", modes[d], sample_context(doc_type, draft=d))
        for d in (False, True)
    ]
    cases += [
        (e.raw.source, modes[d], build_context(doc_type, e.document, draft=d))
        for e in examples
        for d in (False, True)
    ]
    # One line per input and failure: the same failure in both modes is told once.
    failed: dict[tuple[str, str], list[str]] = {}
    for label, mode, context in cases:
        try:
            prepared.render(context)
        except ConvgenError as exc:
            failed.setdefault((label, exc.message), []).append(mode)
    for (label, message), failed_modes in failed.items():
        yield _problem(
            Severity.ERREUR,
            prepared.name,
            "document",
            f"le rendu échoue pour {label} ({' et '.join(failed_modes)}) : {message}",
        )

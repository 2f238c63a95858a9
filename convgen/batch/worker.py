"""The work on one document of a batch: input bytes in, validated state and .docx bytes out.

Pure: no disk, no database, no clock, no process plumbing (``batch.pool`` runs
workers in processes). The parent process reads the inputs,
writes the documents and keeps the state; workers (this module, in one or more
processes) only validate and render, so there is a single SQLite writer.

Each worker prepares a template once (reading the package, docxtpl's XML
patching and the Jinja compilation: about 70% of a naive render) and reuses it
for every document, through the same ``render_document`` as ``convgen generer``,
so the bytes are the same.
"""

from __future__ import annotations

import dataclasses
import hashlib
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from convgen.batch.parsed import Verdict, pack, unpack
from convgen.batch.report import Reason
from convgen.documents.registry import type_of
from convgen.errors import (
    ConvgenError,
    DataPath,
    InputError,
    Problem,
    Severity,
    TemplateError,
)
from convgen.loading import Position, RawInput, parse_input
from convgen.rendering.generation import render_document
from convgen.rendering.limits import render_limits
from convgen.rendering.prepared import PreparedTemplate, TemplateBundle
from convgen.validation.validator import (
    Options,
    Validated,
    Validation,
    validate,
    validated_again,
)


@dataclass(frozen=True)
class Setup:
    """What every worker of a run shares: validation options and the template bundles.

    The parent reads the bundles once, so the sha256 recorded for a document is
    that of the bytes it was rendered from, even if a template is edited mid-run.
    """

    options: Options
    engine: str
    bundles: Mapping[str, TemplateBundle]
    broken: Mapping[str, Problem]  # templates that could not be read, by name
    render: bool = True  # False for --simulation: validate, prepare the templates, no render
    # Checks a template once prepared, raising TemplateError to fail all its documents
    # (the edge gives the template check's: see lint.report.refuse_flawed_template).
    vet: Callable[[PreparedTemplate], None] | None = None


@dataclass(frozen=True)
class Task:
    """One input to validate and, if needed, render.

    ``reason`` renders the document whatever its data; ``previous`` (the validated
    fingerprint on record for an edited input) renders it only if the data changed.
    ``cache`` is the recorded parse of the input whose raw sha256 is ``cache_sha256``.
    """

    input: str
    source: str
    content: bytes
    is_json: bool
    reason: Reason | None
    previous: str | None = None
    cache: bytes | None = None
    cache_sha256: str | None = None


@dataclass(frozen=True)
class Outcome:
    """Result of a task. ``validated_sha256`` is None if the document failed."""

    input: str
    reason: Reason | None
    problems: tuple[Problem, ...]
    raw_sha256: str
    validated_sha256: str | None = None
    template: str = ""
    template_sha256: str = ""
    cache: bytes | None = None
    document: bytes | None = None

    @property
    def failed(self) -> bool:
        return self.validated_sha256 is None

    @property
    def warnings(self) -> int:
        return sum(1 for problem in self.problems if problem.severity is Severity.AVERTISSEMENT)


class Worker:
    """Runs tasks with the templates of one run."""

    def __init__(self, setup: Setup) -> None:
        self.setup = setup
        # Templates prepared by this worker, by name: (bundle sha256, prepared template
        # or the error preparing it). Preparing costs about 20 renders: a worker (one
        # per process) prepares a template once, and again only if its bytes change.
        self._prepared: dict[str, tuple[str, PreparedTemplate | Problem]] = {}

    def run(self, task: Task) -> Outcome:
        """Validate one input and render it if needed. A failure is an Outcome, not raised:
        whatever one input or template makes fail, the batch goes on with the others."""
        raw_sha256 = hashlib.sha256(task.content).hexdigest()
        try:
            return self._run(task, raw_sha256)
        except Exception as exc:  # one document's failure, reported as such
            problem = Problem(
                f"ce fichier n'a pas pu être traité : erreur inattendue ({type(exc).__name__} : "
                f"{exc}) ; merci de la signaler",
                source=task.source,
                line=1,
            )
            return Outcome(task.input, failed_reason(task), (problem,), raw_sha256)

    def _run(self, task: Task, raw_sha256: str) -> Outcome:
        key = self._verdict_key(task)
        try:
            raw, cache, verdict = _raw_input(task, raw_sha256, key)
        except InputError as exc:
            return Outcome(task.input, failed_reason(task), (exc.as_problem(),), raw_sha256)
        validated, cache = self._validate(raw, cache, verdict, key)
        if not isinstance(validated, Validated) or not validated.ok:
            return Outcome(task.input, failed_reason(task), validated.problems, raw_sha256)
        fingerprint = validated.fingerprint
        reason = decide(task, fingerprint)
        template = type_of(validated.document).template
        done = Outcome(
            task.input, reason, validated.problems, raw_sha256, fingerprint, template, cache=cache
        )
        if reason is None:
            return done
        try:
            if not self.setup.render:
                self._check(template)
                return done
            prepared = self._prepare(template)
            document = render_document(validated, prepared, draft=False)
        except ConvgenError as exc:
            return Outcome(task.input, reason, (*validated.problems, exc.as_problem()), raw_sha256)
        return dataclasses.replace(done, template_sha256=prepared.sha256, document=document)

    def _verdict_key(self, task: Task) -> str:
        """What a verdict depends on besides the input's bytes and the day."""
        options = self.setup.options
        read_as = "json" if task.is_json else "yaml"
        return f"{self.setup.engine} ; strict={options.strict} ; projet={options.draft} ; {read_as}"

    def _validate(
        self, raw: RawInput, cache: bytes | None, verdict: Verdict | None, key: str
    ) -> tuple[Validation, bytes | None]:
        """The input validated, and its record: the recorded verdict when it still holds
        (a template change: validating again would find the same), else a new one."""
        options = self.setup.options
        if verdict is not None and verdict.holds(key, options.today):
            again = validated_again(raw, verdict.problems)
            if again is not None:
                return again, cache
        validated = validate(raw, options)
        if isinstance(validated, Validated) and validated.ok:
            verdict = Verdict(key, options.today, validated.until, validated.problems)
            return validated, pack(raw, verdict)
        return validated, cache  # not recorded: a failed document is read again next time

    def _check(self, name: str) -> None:
        """A simulation prepares the templates it was given, without rendering: a
        template to fix fails its documents there as in the real run."""
        if name in self.setup.bundles or name in self.setup.broken:
            self._prepare(name)

    def _prepare(self, name: str) -> PreparedTemplate:
        if name in self.setup.broken:
            problem = self.setup.broken[name]
            raise TemplateError(problem.message, source=problem.source, line=problem.line)
        sha256 = self.setup.bundles[name].sha256
        known = self._prepared.get(name)
        if known is None or known[0] != sha256:
            try:
                prepared = PreparedTemplate(self.setup.bundles[name], guard=render_limits)
                if self.setup.vet is not None:
                    self.setup.vet(prepared)
                known = (sha256, prepared)
            except TemplateError as exc:
                known = (sha256, exc.as_problem())  # one failure per process, not per document
            self._prepared[name] = known
        if isinstance(known[1], Problem):
            raise TemplateError(known[1].message, source=known[1].source, line=known[1].line)
        return known[1]


def failed_reason(task: Task) -> Reason | None:
    """Why an input that failed was taken up: the planned reason, else its edited data
    (an input edited since its document was made: ``previous`` is on record)."""
    if task.reason is None and task.previous is not None:
        return Reason.DONNEES
    return task.reason


def decide(task: Task, fingerprint: str) -> Reason | None:
    """Why to render: changed data first, else the planned reason (None: unchanged)."""
    if task.previous is not None and fingerprint != task.previous:
        return Reason.DONNEES
    return task.reason


def _raw_input(
    task: Task, raw_sha256: str, key: str
) -> tuple[RawInput, bytes | None, Verdict | None]:
    """The parsed input, its record and verdict: from the record when it is that of
    these very bytes read the same way (parsing YAML is the costliest step of a
    batch), else parsed now (and recorded once validated: see Worker._validate).
    A record whose verdict was made under another key is not used: the key says how
    the file was read (a ``.yaml`` renamed ``.json`` must be read as JSON)."""
    if task.cache is not None and task.cache_sha256 == raw_sha256:

        def locate() -> Mapping[DataPath, Position]:
            return parse_input(task.content, task.source, is_json=task.is_json).positions

        try:
            raw, verdict = unpack(task.cache, task.source, task.content, locate)
            if verdict is None or verdict.key == key:
                return raw, task.cache, verdict
        except (ValueError, TypeError, zlib.error):
            pass  # a damaged record: the file is parsed again, and the record replaced
    return parse_input(task.content, task.source, is_json=task.is_json), None, None

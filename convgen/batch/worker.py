"""The work on one document of a batch: input bytes in, validated state and .docx bytes out.

Pure: no disk, no database, no clock. The parent process reads the inputs,
writes the documents and keeps the state; workers (this module, in one or more
processes) only validate and render, so there is a single SQLite writer.

Each worker prepares a template once (reading the package, docxtpl's XML
patching and the Jinja compilation: about 70% of a naive render) and reuses it
for every document, through the same ``render_document`` as ``convgen generer``,
so the bytes are the same.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import signal
import threading
import time
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from convgen.batch.report import Reason
from convgen.documents.registry import type_of
from convgen.errors import ConvgenError, DataPath, InputError, Problem, Severity, TemplateError
from convgen.loading import Position, RawInput, parse_input
from convgen.rendering.generation import render_document
from convgen.rendering.prepared import PreparedTemplate, TemplateBundle
from convgen.validation.validator import Options, Validated, validate


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
    render: bool = True  # False for --simulation: validate only


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


# Templates prepared in this process, by name: (bundle sha256, prepared template or
# the error preparing it). Preparing costs about 20 renders; each process prepares a
# template once, and again only when its bytes change.
_PREPARED: dict[str, tuple[str, PreparedTemplate | Problem]] = {}


class Worker:
    """Runs tasks with the templates of one run."""

    def __init__(self, setup: Setup) -> None:
        self.setup = setup

    def run(self, task: Task) -> Outcome:
        """Validate one input and render it if needed. A failure is an Outcome, not raised."""
        raw_sha256 = hashlib.sha256(task.content).hexdigest()
        try:
            raw, cache = _raw_input(task, raw_sha256)
        except InputError as exc:
            return Outcome(task.input, task.reason, (exc.as_problem(),), raw_sha256)
        validated = validate(raw, self.setup.options)
        if not isinstance(validated, Validated) or not validated.ok:
            return Outcome(task.input, task.reason, validated.problems, raw_sha256)
        fingerprint = validated.fingerprint
        reason = decide(task, fingerprint)
        template = type_of(validated.document).template
        done = Outcome(
            task.input, reason, validated.problems, raw_sha256, fingerprint, template, cache=cache
        )
        if reason is None or not self.setup.render:
            return done
        try:
            prepared = self._prepare(template)
            document = render_document(validated, prepared, draft=False)
        except ConvgenError as exc:
            return Outcome(task.input, reason, (*validated.problems, exc.as_problem()), raw_sha256)
        return dataclasses.replace(done, template_sha256=prepared.sha256, document=document)

    def _prepare(self, name: str) -> PreparedTemplate:
        if name in self.setup.broken:
            problem = self.setup.broken[name]
            raise TemplateError(problem.message, source=problem.source, line=problem.line)
        sha256 = self.setup.bundles[name].sha256
        known = _PREPARED.get(name)
        if known is None or known[0] != sha256:
            try:
                known = (sha256, PreparedTemplate(self.setup.bundles[name]))
            except TemplateError as exc:
                known = (sha256, exc.as_problem())  # one failure per process, not per document
            _PREPARED[name] = known
        if isinstance(known[1], Problem):
            raise TemplateError(known[1].message, source=known[1].source, line=known[1].line)
        return known[1]


def decide(task: Task, fingerprint: str) -> Reason | None:
    """Why to render: changed data first, else the planned reason (None: unchanged)."""
    if task.previous is not None and fingerprint != task.previous:
        return Reason.DONNEES
    return task.reason


def _raw_input(task: Task, raw_sha256: str) -> tuple[RawInput, bytes | None]:
    """The parsed input: from the recorded parse when it is that of these very bytes
    (parsing YAML is the costliest step of a batch), else parsed now."""
    if task.cache is not None and task.cache_sha256 == raw_sha256:
        return unpack(task.cache, task.source, task.content), task.cache
    raw = parse_input(task.content, task.source, is_json=task.is_json)
    return raw, pack(raw)


def pack(raw: RawInput) -> bytes | None:
    """The parse of an input (data and positions) as compressed JSON; None if not JSON-able.

    JSON keeps every type the loader produces (str, int, float, bool, None, list,
    dict), so validating the unpacked data gives the same document, fingerprint
    and located messages as parsing the file again. The positions are kept as a
    JSON text of their own, decoded only if a message needs a line number.
    """
    positions = [
        [list(path), where.line, where.value_line, where.value_column]
        for path, where in raw.positions.items()
    ]
    try:
        text = _compact([raw.data, _compact(positions)])
        return zlib.compress(text.encode("utf-8"))
    except (TypeError, ValueError):  # UnicodeEncodeError: a lone surrogate, refused later
        return None


def unpack(cache: bytes, source: str, content: bytes) -> RawInput:
    """The RawInput of ``content`` (already parsed once) from its packed parse."""
    data, positions = json.loads(zlib.decompress(cache))
    return RawInput(source, data, _Positions(positions), content.decode("utf-8-sig"))


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _Positions(Mapping[DataPath, Position]):
    """Positions decoded on first use: most documents have no message to locate."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._decoded: dict[DataPath, Position] | None = None

    def _positions(self) -> dict[DataPath, Position]:
        if self._decoded is None:
            self._decoded = {tuple(path): Position(*at) for path, *at in json.loads(self._text)}
        return self._decoded

    def __getitem__(self, path: DataPath) -> Position:
        return self._positions()[path]

    def __iter__(self) -> Iterator[DataPath]:
        return iter(self._positions())

    def __len__(self) -> int:
        return len(self._positions())


_POOL_WORKER: Worker | None = None
_WATCH_SECONDS = 1.0


def start_pool_worker(setup: Setup, inherited: tuple[int, ...] = ()) -> None:
    """Process pool initializer: one Worker per process.

    ``inherited``: descriptors a forked worker must not keep open (the state
    lock: a worker holding it would keep the output folder locked after its
    parent died). Ctrl-C is the parent's to handle (it stops the pool cleanly).
    A pool worker whose parent is killed (kill -9, power loss) would otherwise wait
    forever for tasks: it leaves within a second of its parent.
    """
    global _POOL_WORKER  # noqa: PLW0603 - one worker per pool process, by design
    for descriptor in inherited:
        with contextlib.suppress(OSError):
            os.close(descriptor)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _POOL_WORKER = Worker(setup)
    parent = os.getppid()
    threading.Thread(target=_leave_with, args=(parent,), daemon=True).start()


def _leave_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def run_in_pool(task: Task) -> Outcome:
    """Process pool entry point."""
    assert _POOL_WORKER is not None, "start_pool_worker was not run"
    return _POOL_WORKER.run(task)

"""Plan a batch: discover the inputs, compare their fingerprints with the state, and give
every document to rebuild its reason.

Fingerprints decide, never modification times. Planning reads and hashes every
input and every recorded output, and parses nothing: parsing YAML (ruamel, with
line numbers) is by far the costliest step of a batch, and a run where nothing
changed must stay fast over tens of thousands of files. An input whose bytes
changed is parsed by a worker, which then compares its validated fingerprint
with the recorded one (a comment-only edit rebuilds nothing).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import posixpath
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from convgen.batch import names as output_names
from convgen.batch.manifest import STATE_DIR, Manifest, Record
from convgen.batch.report import Entry, Reason, Status
from convgen.documents.json_schema import SCHEMA_SUFFIX
from convgen.errors import InputError, OutputError, Problem, os_reason
from convgen.files import read_bytes
from convgen.loading import read_input_bytes
from convgen.pdf.office import PdfFormat
from convgen.validation.validator import Options
from convgen.wordml.package import MAX_TOTAL_BYTES
from convgen.wordml.text import words_kept

if TYPE_CHECKING:
    from convgen.rendering.prepared import PreparedTemplate

INPUT_SUFFIXES = frozenset({".yaml", ".yml", ".json"})


@dataclass(frozen=True)
class Settings:
    """A batch run as asked on the command line."""

    input_dir: Path
    output_dir: Path
    templates_dir: Path
    options: Options
    jobs: int = 1
    force: bool = False
    simulation: bool = False
    pdf: PdfFormat | None = None  # regenerer --pdf / --pdfa: each document's PDF beside it
    # Whether the templates folder was named (--modeles); the command line says False when
    # it was left out, and the shipped templates are then used.
    templates_chosen: bool = True
    # Checks each template once prepared (see worker.Setup.vet).
    vet: Callable[[PreparedTemplate], None] | None = None

    # Strings rather than Paths: a run over 10,000 unchanged inputs spent a third of
    # its time building Path objects.
    def input_file(self, relative: str) -> str:
        """The input at ``relative`` (a ``/`` path), under the input folder as given."""
        return os.path.join(self.input_dir, relative)

    def output_file(self, relative: str) -> str:
        """The document at ``relative``, under the output folder as given."""
        return os.path.join(self.output_dir, relative)

    def entry(
        self,
        relative: str,
        output: str,
        status: Status,
        reason: Reason | None = None,
        *,
        messages: tuple[str, ...] = (),
        problems: tuple[Problem, ...] = (),
    ) -> Entry:
        """The report line of the input at ``relative`` and its document at ``output``."""
        return Entry(
            self.input_file(relative), self.output_file(output), status, reason, messages, problems
        )

    def refused(self, relative: str, output: str, reasons: tuple[Refusal, ...]) -> Entry:
        """The failure of an input refused before it is read (its name, its link, a
        clash with another input's document): each reason a problem located at the
        input, or at its document when the fault is in the output folder, as its
        messages (« fichier: … ») and for scripts (JSON « problemes »)."""
        problems = tuple(
            Problem(
                reason.message,
                source=self.output_file(output) if reason.at_output else self.input_file(relative),
            )
            for reason in reasons
        )
        messages = tuple(str(problem) for problem in problems)
        return self.entry(relative, output, Status.ECHEC, messages=messages, problems=problems)


class Refusal(NamedTuple):
    """Why an input is refused before it is read; ``at_output``: the fault is in the
    output folder (a link there), not in the input."""

    message: str
    at_output: bool = False


@dataclass(frozen=True)
class Current:
    """What documents are made from now: engine version and template bundle sha256
    (None for a template that cannot be read)."""

    engine: str
    templates: Mapping[str, str | None]
    force: bool = False
    strict: bool = False


@dataclass(frozen=True, slots=True)
class Job:
    """An input to hand to a worker. ``cached``: the recorded parse may serve."""

    input: str
    output: str
    reason: Reason | None
    previous: str | None = None
    cached: bool = False
    existing: bool = False  # a new document whose name is already taken by a file
    edited: bool = False  # --forcer over a document changed since it was written
    # What the state recorded of the input (None: nothing): its bytes' digest, for the
    # worker to trust the recorded parse, and its document's, for the write to tell a
    # document edited by hand. Not part of the decision; two digests rather than the
    # record, which a run over 100,000 inputs would hold 100,000 times.
    recorded: Recorded | None = field(default=None, compare=False)
    position: int = field(default=0, compare=False)  # in the plan's jobs: the report's order
    # A document edited by hand whose input changed: the input is only validated, and
    # this entry (« modifié à la main », kept) reported unless the input is now wrong.
    kept: Entry | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Recorded:
    """The two digests of an input's record that a job needs."""

    raw_sha256: str
    output_sha256: str

    @classmethod
    def of(cls, record: Record) -> Recorded:
        return cls(record.raw_sha256, record.output_sha256)


@dataclass
class Plan:
    """A run's plan: the jobs (each with its record) and what the report says of the
    other inputs; an unchanged input is held by its name alone."""

    jobs: list[Job] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)  # decided without a worker
    unchanged: list[str] = field(default_factory=list)  # inputs whose document is up to date
    confirmed: list[Record] = field(default_factory=list)  # interrupted writes that happened
    dropped: list[Record] = field(default_factory=list)  # interrupted writes that did not
    forget: list[str] = field(default_factory=list)  # inputs and outputs both gone
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (old input, new input)
    # Inputs whose recorded document is not that of their data now (refused, unreadable,
    # gone): their PDF is not made from it.
    held: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Seen:
    """An input as found on disk now: its raw sha256 and that of its document, if any."""

    input: str
    output: str
    raw_sha256: str
    output_sha256: str | None


def classify(seen: Seen, record: Record | None, current: Current) -> Job | Status:
    """What to do with one input, from fingerprints only (pure).

    Returns a Job, or Status.INCHANGE / Status.MODIFIE_MAIN for a document left as it is.
    """
    if record is None:
        return Job(seen.input, seen.output, Reason.NOUVEAU, existing=seen.output_sha256 is not None)
    if seen.output_sha256 not in (None, record.output_sha256) and not current.force:
        return Status.MODIFIE_MAIN
    if seen.raw_sha256 != record.raw_sha256 and not current.force:
        reason = _secondary(record, seen.output_sha256, current)
        previous = record.validated_sha256
        return Job(seen.input, seen.output, reason, previous, recorded=Recorded.of(record))
    reason = Reason.FORCE if current.force else _secondary(record, seen.output_sha256, current)
    revalidate = current.strict and record.warnings > 0  # --strict: warnings now block
    if reason is None and not revalidate:
        return Status.INCHANGE
    # The recorded parse serves only for the same bytes under the engine that parsed them.
    same_parse = seen.raw_sha256 == record.raw_sha256 and record.engine == current.engine
    edited = seen.output_sha256 not in (None, record.output_sha256)  # only with --forcer
    recorded = Recorded.of(record)
    return Job(seen.input, seen.output, reason, cached=same_parse, edited=edited, recorded=recorded)


def _secondary(record: Record, output_sha256: str | None, current: Current) -> Reason | None:
    """Why to rebuild a document whose input data did not change."""
    if record.engine != current.engine:
        return Reason.MOTEUR
    if current.templates.get(record.template) != record.template_sha256:
        return Reason.MODELE
    if output_sha256 is None:
        return Reason.ABSENTE
    return None


def make_plan(settings: Settings, manifest: Manifest, current: Current) -> Plan:
    """The plan of a run: jobs for workers, and the documents decided at once.

    The records of the inputs found are read one at a time, as each is planned, and
    kept only with the jobs (a document to rebuild): planning 100,000 unchanged inputs
    does not hold their records. Those of inputs gone (renamed or deleted) and of
    writes left pending are held. Every record of the state is checked first (see
    ``Manifest.each_record``)."""
    plan = Plan()
    known = _resolve_pending(plan, manifest.pending(), settings.output_dir)
    inputs, links = discover_all(settings.input_dir, settings.output_dir)
    for relative, reason in links.items():
        output = output_name(relative.rstrip("/"))
        plan.entries.append(settings.refused(relative, output, (Refusal(reason),)))
        plan.held.add(relative)
    outputs = {relative: output_name(relative) for relative in inputs}
    refused = {**_clashes(outputs), **_unsafe_names(settings, outputs)}
    gone = _gone(manifest, outputs, known)
    _follow_renamed_inputs(plan, manifest, outputs, refused, known=known, gone=gone)
    for relative, output in outputs.items():
        if relative in refused:
            plan.entries.append(settings.refused(relative, output, refused[relative]))
            plan.held.add(relative)
        else:
            record = known[relative] if relative in known else manifest.record(relative)
            _plan_input(plan, settings, current, relative, output, record=record)
    _plan_orphans(plan, settings, gone, links)
    return plan


def _gone(
    manifest: Manifest, outputs: Mapping[str, str], known: Mapping[str, Record]
) -> dict[str, Record]:
    """The records of inputs not found now (renamed, or deleted), by input, in the
    order of the state (a pending write confirmed stands for its record)."""
    gone = {
        record.input: known.get(record.input, record)
        for record in manifest.each_record()
        if record.input not in outputs
    }
    gone.update((name, record) for name, record in known.items() if name not in outputs)
    return gone


def _follow_renamed_inputs(
    plan: Plan,
    manifest: Manifest,
    outputs: Mapping[str, str],
    refused: Mapping[str, object],
    *,
    known: dict[str, Record],
    gone: dict[str, Record],
) -> None:
    """An input renamed without changing its document's name (``a.yaml`` to ``a.json``)
    keeps its document: the record of the input that is gone passes to the new one.
    Without this, the document would be both « orphelin » and « non produit par
    convgen regenerer »."""
    by_output = {record.output: record for record in gone.values()}
    for relative, output in outputs.items():
        previous = by_output.get(output)
        if previous is None or relative in refused or relative in known:
            continue
        if manifest.record(relative) is not None:
            continue
        gone.pop(previous.input, None)
        known[relative] = dataclasses.replace(previous, input=relative)
        plan.renamed.append((previous.input, relative))


def _plan_input(
    plan: Plan,
    settings: Settings,
    current: Current,
    relative: str,
    output: str,
    *,
    record: Record | None,
) -> None:
    try:
        raw_sha256 = sha256(read_input_bytes(settings.input_file(relative)))
        seen = Seen(relative, output, raw_sha256, file_sha256(settings.output_file(output)))
    except (InputError, OutputError) as exc:
        failed = settings.entry(
            relative, output, Status.ECHEC, messages=(str(exc),), problems=(exc.as_problem(),)
        )
        plan.entries.append(failed)
        plan.held.add(relative)
        return
    decision = classify(seen, record, current)
    if isinstance(decision, Job):
        plan.jobs.append(dataclasses.replace(decision, position=len(plan.jobs)))
    elif decision is Status.INCHANGE:
        plan.unchanged.append(relative)
    elif record is not None and seen.raw_sha256 != record.raw_sha256:
        # Kept, but its input changed: validated, so that a wrong input is reported (an
        # échec, exit code 1) rather than hidden behind the edited document.
        kept = _kept(settings, current, seen, record)
        plan.jobs.append(Job(relative, output, None, kept=kept, position=len(plan.jobs)))
    else:
        plan.entries.append(_kept(settings, current, seen, record))


def _kept(settings: Settings, current: Current, seen: Seen, record: Record | None) -> Entry:
    """The entry of a document changed since it was written, left as it is: whether a
    word of it changed (a re-save by a word processor changes none), and which change of its
    input, template or convgen it does not follow."""
    path = settings.output_file(seen.output)
    try:
        resaved = words_kept(read_bytes(path, limit=MAX_TOTAL_BYTES, line=None), path)
    except Exception:  # unreadable, no longer a .docx, damaged: edited (never a crash)
        resaved = False
    messages = []
    if resaved:
        messages.append(
            "aucun mot du corps, des en-têtes ni des pieds de page n'a changé (réenregistré "
            "par Word ou LibreOffice ?) : seule la mise en forme a pu changer"
        )
    missed = _missed(seen, record, current) if record is not None else None
    if missed:
        messages.append(f"ne suit pas {missed}")
    reason = Reason.TEXTE_INCHANGE if resaved else Reason.MAIN
    return settings.entry(
        seen.input, seen.output, Status.MODIFIE_MAIN, reason, messages=tuple(messages)
    )


def _missed(seen: Seen, record: Record, current: Current) -> str | None:
    """What a kept document does not follow: its input's change first, else that of
    its template or of convgen (None: nothing, it is only edited)."""
    if seen.raw_sha256 != record.raw_sha256:
        return "la modification de son fichier d'entrée"
    reason = _secondary(record, seen.output_sha256, current)
    if reason is Reason.MODELE:
        return f"la modification du modèle {record.template}"
    if reason is Reason.MOTEUR:
        return "la mise à jour de convgen (ou de sa table des références)"
    return None


def _plan_orphans(
    plan: Plan, settings: Settings, gone: Mapping[str, Record], links: Mapping[str, str]
) -> None:
    """Recorded documents whose input is gone: reported and kept, or forgotten if the
    document is gone too."""
    for relative in sorted(gone.keys() - links.keys()):
        record = gone[relative]
        if not os.path.exists(settings.output_file(record.output)):
            plan.forget.append(relative)
            continue
        message = f"entrée disparue : {settings.input_file(relative)}"
        plan.held.add(relative)
        plan.entries.append(
            settings.entry(relative, record.output, Status.ORPHELIN, messages=(message,))
        )


def _resolve_pending(
    plan: Plan, pending: Mapping[str, Record], output_dir: Path
) -> dict[str, Record]:
    """Writes announced by an interrupted run: the file's bytes tell if they happened.
    Returns the records of those that did, by input."""
    known = {}
    for record in pending.values():
        if file_sha256(os.path.join(output_dir, record.output)) == record.output_sha256:
            plan.confirmed.append(record)
            known[record.input] = record
        else:
            plan.dropped.append(record)
    return known


def _unsafe_names(settings: Settings, outputs: Mapping[str, str]) -> dict[str, tuple[Refusal, ...]]:
    """Inputs whose document name is not safe to write (batch.names), or whose folder
    leads out of the output folder through a symbolic link."""
    unsafe: dict[str, tuple[Refusal, ...]] = {}
    folders: dict[str, bool] = {}
    output_dir = os.fspath(settings.output_dir)
    for relative, output in outputs.items():
        reason = output_names.refusal(output)
        if reason is None and output_names.escapes(
            output_dir, os.path.dirname(settings.output_file(output)), folders
        ):
            message = (
                "document refusé : un lien symbolique du dossier de sortie mène hors de "
                "lui ; supprimez ce lien"
            )
            unsafe[relative] = (Refusal(message, at_output=True),)
        elif reason is not None:
            unsafe[relative] = (Refusal(f"nom de document refusé : {reason} ; renommez l'entrée"),)
    return unsafe


def _clashes(outputs: Mapping[str, str]) -> dict[str, tuple[Refusal, ...]]:
    """Inputs that would make the same document (``a.yaml`` and ``a.json``), or two
    documents whose names differ only by case (one file on Windows and macOS)."""
    by_output: dict[str, list[str]] = {}
    for relative, output in outputs.items():
        # Compared as Windows and macOS do: case and Unicode normalisation ignored.
        by_output.setdefault(unicodedata.normalize("NFC", output).lower(), []).append(relative)
    clashes: dict[str, tuple[Refusal, ...]] = {}
    for sources in by_output.values():
        if len(sources) > 1:
            message = (
                f"{' et '.join(sources)} produiraient le même document "
                f"{outputs[sources[0]]} : "
                "renommez l'un des fichiers"
            )
            clashes.update({source: (Refusal(message),) for source in sources})
    return clashes


def discover(input_dir: Path, output_dir: Path) -> list[str]:
    """Input files under ``input_dir``, recursively, as sorted relative ``/`` paths.

    Hidden files and folders are skipped (the state folder ``.convgen``, ``.git``,
    editors' temporary files), and so is the output folder when it lies inside
    the input folder: documents are .docx and would not be taken for inputs, but
    there is no reason to walk them.
    """
    return discover_all(input_dir, output_dir)[0]


def discover_all(input_dir: Path, output_dir: Path) -> tuple[list[str], dict[str, str]]:
    """The inputs (see ``discover``) and the entries refused, with the reason:
    symbolic links that lead out of the input folder, loop or lead nowhere, and
    links to folders (not walked: reported rather than skipped silently)."""
    skip = {os.path.realpath(output_dir), os.path.realpath(output_dir / STATE_DIR)}
    root = os.path.realpath(input_dir)
    inputs: list[str] = []
    refused: dict[str, str] = {}
    try:
        os.scandir(input_dir).close()
    except OSError as exc:
        why = os_reason(exc)
        raise InputError(f"dossier d'entrées illisible ({why})", source=str(input_dir)) from None
    for relative, path in _walk(os.fspath(input_dir), "", skip):
        reason = _link_refusal(path, root) if os.path.islink(path) else None
        if relative.endswith("/") and not os.path.islink(path):
            reason = "dossier illisible (droits insuffisants ?) : ses entrées ne sont pas lues"
        if reason:
            refused[relative] = reason
        elif not relative.endswith("/"):
            inputs.append(relative)
    return sorted(inputs), refused


def _link_refusal(path: str, root: str) -> str | None:
    target = os.path.realpath(path)
    if os.path.isdir(target):
        return "lien symbolique vers un dossier : non parcouru ; remplacez-le par le dossier"
    if not os.path.isfile(target):
        return "lien symbolique cassé ou en boucle : entrée ignorée"
    if os.path.commonpath([root, target]) != root:
        return "lien symbolique vers un fichier hors du dossier d'entrées : refusé"
    return None


def _walk(folder: str, prefix: str, skip: set[str]) -> Iterator[tuple[str, str]]:
    """(relative path, path) of the input files and symbolic links under ``folder``
    (a link to a folder, or a folder that cannot be read, ends with ``/``)."""
    try:
        listing = os.scandir(folder)
    except OSError:
        yield prefix, folder  # a folder that cannot be read, reported by the caller
        return
    with listing as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                if os.path.realpath(entry.path) not in skip:
                    yield from _walk(entry.path, f"{prefix}{entry.name}/", skip)
            elif _is_input_name(entry.name):
                if entry.is_symlink() or entry.is_file(follow_symlinks=False):
                    yield prefix + entry.name, entry.path
            elif entry.is_symlink() and os.path.isdir(entry.path):
                yield f"{prefix}{entry.name}/", entry.path


def _is_input_name(name: str) -> bool:
    """An input's name: ``.yaml``, ``.yml`` or ``.json``, but not the JSON Schema that
    ``convgen nouveau`` writes beside the inputs (``TYPE.schema.json``)."""
    lowered = name.lower()
    return os.path.splitext(lowered)[1] in INPUT_SUFFIXES and not lowered.endswith(SCHEMA_SUFFIX)


def output_name(relative: str) -> str:
    """``a/b.yaml`` -> ``a/b.docx``: the output folder mirrors the input folder."""
    return posixpath.splitext(relative)[0] + ".docx"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: str | Path) -> str | None:
    """sha256 of a file's bytes; None if there is no such file. Raises OutputError."""
    try:
        with open(path, "rb") as stream:
            return sha256(stream.read())
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise OutputError(f"document illisible ({os_reason(exc)})", source=str(path)) from None

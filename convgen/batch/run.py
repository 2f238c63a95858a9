"""Batch regeneration (``convgen regenerer``): plan, render in workers, write, record.

The parent process plans (batch.plan), hands the inputs to rebuild to workers
(batch.worker: validate, render, return bytes), and alone writes the documents
and the state (batch.manifest), in the order results arrive, by groups of WRITE_GROUP:

1. announce the sha256 of each document about to be written (``mark_pending``, one
   durable commit for the group);
2. write each document atomically (``write_atomic``, as ``convgen generer``: its bytes
   flushed to disk, then renamed over the previous version);
3. make the renames durable, one flush per folder rather than one per document;
4. record the documents as written (``mark_all_done``, one commit for the group).

A run stopped anywhere (Ctrl-C, kill -9, power loss) loses at most the documents
in flight or waiting in a group; the next run settles the announced writes by the
bytes on disk and finishes the rest.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shlex
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from convgen.batch.manifest import Manifest, PdfRecord, Record
from convgen.batch.pdfs import check_office, update_pdfs
from convgen.batch.plan import (
    Current,
    Job,
    Plan,
    Settings,
    file_sha256,
    make_plan,
    output_name,
    sha256,
)
from convgen.batch.pool import outcomes
from convgen.batch.report import (
    Entry,
    Listing,
    Reason,
    Report,
    Status,
    keep_finished,
    order,
)
from convgen.batch.spool import Spool
from convgen.batch.worker import Outcome, Setup, Task
from convgen.documents.registry import DOCUMENT_TYPES
from convgen.errors import (
    BatchError,
    ConvgenError,
    InputError,
    OutputError,
    Problem,
    StateError,
    TemplateError,
    UsageError,
)
from convgen.files import read_bytes
from convgen.loading import is_json_path, read_input_bytes
from convgen.output import (
    TEMP_PREFIX,
    exists,
    keep_copy,
    make_folders,
    sync_folders,
    write_atomic,
)
from convgen.rendering.engine import engine_fingerprint
from convgen.rendering.environment import keep_compiled_on_disk
from convgen.rendering.prepared import TemplateBundle
from convgen.rendering.store import Fragments, default_templates_dir, load_bundle
from convgen.wordml.package import (
    INPUT_PROPERTY,
    MAX_TOTAL_BYTES,
    custom_properties_of,
    made_intact,
    read_package,
    whole_zip,
)

Progress = Callable[[int, int], None]  # (documents done, documents to do)


def engine_version() -> str:
    """What decides a document's bytes besides its input and its template."""
    return engine_fingerprint()


def default_jobs() -> int:
    """The number of cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def regenerate(settings: Settings, progress: Progress | None = None) -> Report:
    """Bring ``settings.output_dir`` up to date with ``settings.input_dir``.

    Raises StateError if another run holds the output folder, ConvgenError if the
    state cannot be read or written; a failing document is reported, not raised.
    """
    if settings.pdf is not None and not settings.simulation:
        check_office()  # before anything is written
    setup = _setup(settings)
    templates: dict[str, str | None] = {n: b.sha256 for n, b in setup.bundles.items()}
    templates.update(dict.fromkeys(setup.broken))
    current = Current(setup.engine, templates, settings.force, settings.options.strict)
    opener = Manifest.read_only if settings.simulation else Manifest.open
    with opener(settings.output_dir) as manifest:
        folders = _checked_folders(settings, manifest)
        if not settings.simulation:  # recorded once both are checked: a refusal writes nothing
            manifest.record_folders(*folders)
        plan = make_plan(settings, manifest, current)
        if not settings.simulation:
            _settle(plan, manifest, settings.output_dir)
        batch = _Batch(settings, setup, manifest)
        try:
            made = batch.run(plan.jobs, progress or silent)
        except KeyboardInterrupt as stop:  # Ctrl-C, SIGTERM: what was finished is said
            keep_finished(stop, batch.finished)
            raise
        pdfs = None
        if settings.pdf is not None:
            held = plan.held | batch.failed
            pdfs = update_pdfs(settings, manifest, settings.pdf, held)
    decided = sorted(plan.entries, key=order)
    listing = Listing(decided, plan.unchanged, _unchanged_entry(settings), made)
    return Report(listing, settings.simulation, internal=batch.internal, pdfs=pdfs)


def _checked_folders(settings: Settings, manifest: Manifest) -> tuple[str, str]:
    """The input and templates folders of this run, as recorded (see ``_input_folder``
    and ``_templates_folder``). Raises UsageError."""
    return _input_folder(settings, manifest), _templates_folder(settings, manifest)


def _input_folder(settings: Settings, manifest: Manifest) -> str:
    """An output folder is made from one input folder. Another one (a subfolder, a
    copy) would take its documents for its own: ``2025/chrs.yaml``, read from ``2025``,
    is ``chrs.yaml``, whose document it would replace. A folder that moved (the one on
    record is gone) is followed. Raises UsageError."""
    current = os.path.realpath(settings.input_dir)
    recorded = manifest.input_folder()
    if recorded is not None and recorded != current and _other_folder(recorded, current):
        raise UsageError(
            f"ce dossier de sortie a été produit à partir du dossier d'entrées {recorded} : "
            "relancez avec ce dossier, ou choisissez un autre dossier de sortie",
            source=str(settings.output_dir),
        )
    return current


def _templates_folder(settings: Settings, manifest: Manifest) -> str:
    """Documents made with a lawyer's templates (``--modeles``) are not remade with the
    shipped ones because the option was forgotten once: the run stops, and says how to
    go on either way. A folder given on the command line is followed (a new version of
    the templates, or the shipped ones asked for by name). The shipped templates are
    recorded as such, not by their path: a new installation of convgen (another
    virtual environment, another Python) keeps its runs going. Raises UsageError."""
    try:
        shipped: Path | None = default_templates_dir()
    except ConvgenError:  # an installation without them: --modeles is then a must
        shipped = None
    if shipped is not None and _same_folder(settings.templates_dir, shipped):
        current = SHIPPED_TEMPLATES
    else:
        current = os.path.realpath(settings.templates_dir)
    recorded = manifest.templates_folder()
    if (
        recorded is not None
        and recorded not in (current, SHIPPED_TEMPLATES)
        and not settings.templates_chosen
        and not (shipped is not None and _same_folder(recorded, shipped))
    ):
        gone = "" if os.path.isdir(recorded) else " (dossier disparu)"
        again = (
            f"relancez avec --modeles {_shell_path(recorded)}"
            if not gone
            else "relancez avec --modeles suivi de leur nouvel emplacement"
        )
        back = f" {_shell_path(os.fspath(shipped))}" if shipped is not None else ""
        raise UsageError(
            f"la dernière régénération de ce dossier de sortie a utilisé les modèles de "
            f"{recorded}{gone} ; sans --modeles, celle-ci referait ses documents avec les "
            f"modèles livrés avec convgen : {again}, ou, pour revenir aux modèles livrés, "
            f"une fois avec --modeles{back}",
            source=str(settings.output_dir),
        )
    return current


def _shell_path(path: str) -> str:
    """``path`` as typed in a command: quoted for a POSIX shell; on Windows, in double
    quotes if it holds a space (cmd.exe keeps single quotes)."""
    if os.name == "nt":
        return f'"{path}"' if " " in path else path
    return shlex.quote(path)


SHIPPED_TEMPLATES = "modèles livrés"  # recorded for the shipped templates (not a path)


def _same_folder(one: str | Path, other: str | Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _other_folder(recorded: str, current: str) -> bool:
    """Whether ``recorded`` is an existing folder other than ``current`` (the same one
    under another spelling, on a file system that ignores case, is not)."""
    try:
        return os.path.isdir(recorded) and not os.path.samefile(recorded, current)
    except OSError:
        return False


def _unchanged_entry(settings: Settings) -> Callable[[str], Entry]:
    def entry(relative: str) -> Entry:
        return settings.entry(relative, output_name(relative), Status.INCHANGE)

    return entry


COPY = "avant-forcer"  # « x.docx » edited by hand is kept as « x.avant-forcer.docx »
_EXISTING = (
    "un fichier de ce nom existe déjà, qui n'a pas été produit par convgen regenerer : "
    "il sera conservé s'il diffère du document produit"
)
_FOUND_INTACT = "document de convgen retrouvé intact, absent de l'état (supprimé ?) : remplacé"
_FOUND_INTACT_PLANNED = (
    "document de convgen retrouvé intact, absent de l'état (supprimé ?) : il sera remplacé "
    "s'il diffère du document produit"
)
_KEPT_EDITED = (
    "son document, modifié à la main, est conservé tel quel (--forcer le régénérera une "
    "fois l'entrée corrigée)"
)
_REPLACED = (
    "le document existant a été modifié à la main (ou n'a pas été produit par convgen "
    f"regenerer) : --forcer le remplacera, une copie sera conservée à côté (*.{COPY}.docx)"
)


def _setup(settings: Settings) -> Setup:
    """Read every template once; a template that cannot be read fails its documents.
    The workers, started after, keep what they compile for the next run."""
    keep_compiled_on_disk()
    bundles: dict[str, TemplateBundle] = {}
    broken: dict[str, Problem] = {}
    fragments_read: Fragments = {}  # the templates share fragments: each is read once
    for name in sorted({doc_type.template for doc_type in DOCUMENT_TYPES.values()}):
        try:
            bundles[name] = load_bundle(settings.templates_dir, name, fragments_read=fragments_read)
        except TemplateError as exc:
            broken[name] = exc.as_problem()
    return Setup(
        settings.options,
        engine_version(),
        bundles,
        broken,
        not settings.simulation,
        settings.vet,
    )


def _settle(plan: Plan, manifest: Manifest, output_dir: Path) -> None:
    """Record what an interrupted run left, before anything else is written."""
    for record in plan.confirmed:
        manifest.confirm_pending(record)
        # Killed while rewriting identical bytes: the write « happened », its
        # temporary file is left all the same.
        _remove_temporary_files((output_dir / record.output).parent)
    for record in plan.dropped:
        manifest.drop_pending(record.input)
        _remove_temporary_files((output_dir / record.output).parent)
    for input_path in plan.forget:
        manifest.forget(input_path)
    for old, new in plan.renamed:
        manifest.rename(old, new)


def _remove_temporary_files(folder: Path) -> None:
    """Temporary files of an atomic write cut short by a kill."""
    if folder.is_dir():
        for temporary in folder.glob(f"{TEMP_PREFIX}*.tmp"):
            temporary.unlink(missing_ok=True)


def silent(done: int, total: int) -> None:
    """A Progress that shows nothing."""
    pass


# Documents whose writes are announced and recorded together: one durable commit of
# the state, one commit of their records and one flush per folder for eight documents
# instead of one each (a disk flush costs from a tenth of a millisecond on an SSD to
# ten on a hard disk). An interruption loses at most these documents, rendered but
# not written; those written but not yet recorded are settled by their bytes.
WRITE_GROUP = 8


@dataclass(frozen=True)
class _Write:
    job: Job
    outcome: Outcome
    record: Record
    target: Path
    document: bytes
    messages: tuple[str, ...]
    keep_copy: bool = False  # --forcer over a document edited by hand: copied first


class _Batch:
    """Runs the jobs of a plan and records each document as its result arrives."""

    def __init__(self, settings: Settings, setup: Setup, manifest: Manifest) -> None:
        self.settings = settings
        self.setup = setup
        self.manifest = manifest
        self._in_flight: dict[str, Job] = {}
        self._entries = Spool(writes=not settings.simulation)
        self._group_written: list[_Write] = []  # see _write_group
        self.internal = False
        self._taken = 0  # jobs handed to the workers, or failed reading (in order)
        self._progress: Progress = silent
        self._total = 0  # jobs of the run
        self._pdf_records: dict[str, PdfRecord] | None = None  # read at the first write
        self.failed: set[str] = set()  # inputs in échec: their PDF is not made

    @property
    def finished(self) -> list[Entry]:
        """The entries of the documents finished so far (written, or failed), those of
        the group being written included: on disk already, reported at its end."""
        pending = [
            self._entry(w.job, Status.GENERE, w.outcome.reason, w.messages, w.outcome.problems)
            for w in self._group_written
        ]
        return [*self._entries, *pending]

    def run(self, jobs: list[Job], progress: Progress) -> Spool:
        """Every job's entry, in the order of the jobs (``Job.position``)."""
        workers = min(self.settings.jobs, len(jobs))
        self._progress, self._total = progress, len(jobs)
        inherited = self.manifest.descriptors()
        group: list[_Write] = []
        try:
            tasks = self._tasks(jobs)
            for outcome in outcomes(tasks, self.setup, workers, inherited, len(jobs)):
                job = self._in_flight.pop(outcome.input)
                with self._isolated(job):
                    finished = self._finish(job, outcome)
                    if isinstance(finished, _Write):
                        group.append(finished)
                    else:
                        self._add(job, finished)
                if len(group) == WRITE_GROUP:
                    self._write_group(group)
                    group = []
                self._advance()
        except BatchError as exc:
            # The batch cannot go on (a pool that could not be run at all): the documents
            # already made are written and the others reported, rather than no report.
            # A worker that dies costs only its document (see batch.pool).
            left = [
                job
                for index, job in enumerate(jobs)
                if job.input in self._in_flight or index >= self._taken
            ]
            for job in left:
                self._add(job, self._entry(job, Status.ECHEC, messages=(exc.message,)))
        self._write_group(group)
        self._advance()
        return self._entries

    def _advance(self, writing: int = 0) -> None:
        """Tell the progress how many jobs are done: those reported, and the ``writing``
        documents of the group being written already on disk."""
        self._progress(len(self._entries) + writing, self._total)

    @contextlib.contextmanager
    def _isolated(self, job: Job) -> Iterator[None]:
        """A fault of convgen on one document fails that document, named in the report
        (exit code 3 at the end), and the batch goes on. The state's own errors
        (StateError) stop the run: every other document would meet them too."""
        try:
            yield
        except (StateError, KeyboardInterrupt):
            raise
        except Exception as exc:
            self.internal = True
            message = (
                f"erreur interne de convgen en traitant ce document ({type(exc).__name__} : "
                f"{exc}) ; merci de la signaler"
            )
            self._add(job, self._entry(job, Status.ECHEC, messages=(message,)))

    def _tasks(self, jobs: Iterable[Job]) -> Iterator[Task]:
        """Tasks made as workers take them, so inputs are not all held in memory."""
        for job in jobs:
            self._taken += 1
            source = Path(self.settings.input_file(job.input))
            try:
                content = read_input_bytes(source)
            except InputError as exc:
                failed = self._entry(
                    job, Status.ECHEC, messages=(str(exc),), problems=(exc.as_problem(),)
                )
                self._add(job, failed)
                continue
            cache = self.manifest.parsed(job.input) if job.cached else None
            cache_sha256 = job.recorded.raw_sha256 if job.recorded is not None else None
            self._in_flight[job.input] = job
            yield Task(
                input=job.input,
                source=str(source),
                content=content,
                is_json=is_json_path(source),
                reason=job.reason,
                previous=job.previous,
                cache=cache,
                cache_sha256=cache_sha256,
            )

    def _finish(self, job: Job, outcome: Outcome) -> Entry | _Write:
        messages = tuple(str(problem) for problem in outcome.problems)
        if job.kept is not None:  # edited by hand, its input validated (nothing recorded)
            if outcome.failed:
                messages = (*messages, _KEPT_EDITED)
                return self._entry(job, Status.ECHEC, Reason.DONNEES, messages, outcome.problems)
            return job.kept
        if outcome.failed:
            return self._entry(job, Status.ECHEC, outcome.reason, messages, outcome.problems)
        if outcome.reason is None:
            if not self.settings.simulation:
                self.manifest.save_validation(
                    job.input, outcome.raw_sha256, outcome.warnings, outcome.cache
                )
            return self._entry(job, Status.INCHANGE)
        if outcome.document is None:  # --simulation: validated, not rendered
            if (job.existing or job.edited) and self.settings.force:
                messages = (*messages, _REPLACED)
            elif job.existing:
                target = Path(self.settings.output_file(job.output))
                ours = _made_by_convgen(target, outcome.validated_sha256)
                found = _FOUND_INTACT_PLANNED if ours else _EXISTING
                messages = (*messages, found)
            return self._entry(job, Status.GENERE, outcome.reason, messages, outcome.problems)
        return self._to_write(job, outcome, outcome.document, messages)

    def _to_write(
        self, job: Job, outcome: Outcome, document: bytes, messages: tuple[str, ...]
    ) -> Entry | _Write:
        """The write of a rendered document, or why it is not written."""
        target = Path(self.settings.output_file(job.output))
        digest = sha256(document)
        known = job.recorded
        try:
            on_disk = file_sha256(target)
        except OutputError as exc:
            return self._entry(job, Status.ECHEC, outcome.reason, (*messages, str(exc)))
        if on_disk == digest and not self.settings.force:
            # Already there, byte for byte (the state was removed): recorded, not rewritten,
            # so its date stays and backups or synchronisations do not copy it again
            # (--forcer rewrites it, as asked).
            self.manifest.mark_done(self._record(job, outcome, digest), outcome.cache)
            return self._entry(job, Status.INCHANGE, None, messages, outcome.problems)
        expected = (None, known.output_sha256 if known else None)
        edited = on_disk not in expected  # since it was written, or never made by this command
        if edited and known is None and _made_by_convgen(target, outcome.validated_sha256):
            # Untouched since convgen made it from these very data, but not on record (the
            # state was removed): nothing of anyone's would be lost; replaced, without a
            # copy. One made from other data (a version signed before) is kept.
            edited = False
            messages = (*messages, _FOUND_INTACT)
        if edited and not self.settings.force:
            note = () if known else ("un document non produit par convgen regenerer existe déjà",)
            return self._entry(job, Status.MODIFIE_MAIN, Reason.MAIN, note)
        record = self._record(job, outcome, digest)
        return _Write(job, outcome, record, target, document, messages, keep_copy=edited)

    def _write_group(self, group: list[_Write]) -> None:
        """Announce the writes of ``group`` in one durable commit, write each document,
        make the renames durable, then record the documents as written in one commit:
        an interruption leaves every document either announced and written, or
        announced and not written — settled by its bytes on the next run.

        A record of a write may reach the disk only after the rename it records (else
        a power cut could leave the state saying « written » beside the previous
        file, which the next run would take for a hand edit): the folders are flushed
        before the commit, and that commit is made durable by the next group's."""
        if not group:
            return
        self.manifest.mark_pending(*(write.record for write in group))
        written: list[_Write] = []
        self._group_written = written  # on disk, not yet reported: see ``finished``
        for write in group:
            done: _Write | None = None
            with self._isolated(write.job):
                done = self._write(write)
                if done is not None:
                    written.append(done)
            if done is not None:  # outside: a failing progress display is not the document's
                self._advance(len(written))
        sync_folders(write.target.parent for write in written)
        self.manifest.mark_all_done([(write.record, write.outcome.cache) for write in written])
        for write in list(written):
            with self._isolated(write.job):
                messages = (*write.messages, *self._stale_pdf(write.job, write.target))
                self._add(
                    write.job,
                    self._entry(
                        write.job,
                        Status.GENERE,
                        write.outcome.reason,
                        messages,
                        write.outcome.problems,
                    ),
                )
            written.remove(write)

    def _write(self, write: _Write) -> _Write | None:
        """Write one document (its rename not yet durable), after copying the one it
        replaces if that was edited by hand (--forcer); the write, with a word on the
        copy, or None if it failed, reported."""
        job, outcome = write.job, write.outcome
        try:
            make_folders(write.target.parent)
            if write.keep_copy and exists(write.target):
                copy = keep_copy(write.target, COPY)
                kept = f"version modifiée à la main conservée sous {copy.name}"
                write = dataclasses.replace(write, messages=(*write.messages, kept))
            write_atomic(write.target, write.document, sync_folder=False)
        except OutputError as exc:
            self.manifest.drop_pending(job.input)
            failed = (*write.messages, str(exc))
            self._add(job, self._entry(job, Status.ECHEC, outcome.reason, failed))
            return None
        return write

    def _stale_pdf(self, job: Job, target: Path) -> tuple[str, ...]:
        """Without --pdf, the PDF convgen made of the document's previous version is now
        behind it: said, for the next run with --pdf to remake it."""
        if self.settings.pdf is not None:
            return ()
        if self._pdf_records is None:
            self._pdf_records = self.manifest.pdfs()
        pdf = target.with_suffix(".pdf")
        record = self._pdf_records.get(job.input)
        if record is None or not pdf.is_file():
            return ()
        try:
            ours = record.made_from(file_sha256(pdf) or "") is not None
        except OutputError:
            ours = False
        if not ours:  # edited or replaced by hand: --pdf keeps it, as it keeps a document
            return (
                f"PDF périmé : {pdf}, modifié à la main, ne suit plus son document ; "
                "--pdf --forcer le refera",
            )
        return (f"PDF périmé : {pdf} a été fait de la version précédente ; --pdf le refera",)

    def _record(self, job: Job, outcome: Outcome, digest: str) -> Record:
        assert outcome.validated_sha256 is not None
        return Record(
            input=job.input,
            output=job.output,
            raw_sha256=outcome.raw_sha256,
            validated_sha256=outcome.validated_sha256,
            template=outcome.template,
            template_sha256=outcome.template_sha256,
            engine=self.setup.engine,
            output_sha256=digest,
            warnings=outcome.warnings,
        )

    def _add(self, job: Job, entry: Entry) -> None:
        self._entries.add(job.position, entry)
        if entry.status is Status.ECHEC:
            self.failed.add(job.input)

    def _entry(
        self,
        job: Job,
        status: Status,
        reason: Reason | None = None,
        messages: tuple[str, ...] = (),
        problems: tuple[Problem, ...] = (),
    ) -> Entry:
        return self.settings.entry(
            job.input, job.output, status, reason, messages=messages, problems=problems
        )


def _made_by_convgen(path: Path, data_sha256: str | None) -> bool:
    """Whether the file at ``path`` is a document convgen made from the data whose
    fingerprint is ``data_sha256``, untouched since: an archive alone, whose parts its
    content digest holds. A file unreadable, too large, damaged, with bytes added
    around its archive, or made from other data is not."""
    try:
        data = read_bytes(str(path), limit=MAX_TOTAL_BYTES, line=None)
        if not whole_zip(data):
            return False
        parts = read_package(data, str(path))
        properties = custom_properties_of(parts, str(path))
        return properties.get(INPUT_PROPERTY) == data_sha256 and made_intact(parts, properties)
    except (ConvgenError, OSError):
        return False

"""The batch state: an embedded SQLite database in a hidden folder of the output folder.

What ``convgen regenerer`` knows of each document between runs: the fingerprints
it was made from (raw input, validated data, template bundle, engine) and the
sha256 of the bytes it wrote, plus the parsed input and the rules' verdict on it
(``batch.parsed``: when only the template or the output changed, neither the YAML
is read nor the rules run again). Documents are committed as they are written (a few
at a time), so an interrupted run loses at most the documents in flight.

Writing a document is a two-step protocol around the atomic rename:
:meth:`Manifest.mark_pending` records the sha256 about to be written, then
:meth:`Manifest.mark_all_done` records it as written. A run killed between the
two leaves a pending row that the next run resolves by hashing the file: equal to
the pending sha256, the write happened (:meth:`Manifest.confirm_pending`);
otherwise it did not (:meth:`Manifest.drop_pending`). Without this, a kill just
after the rename would make the new file look edited by hand.

One run at a time: :meth:`Manifest.open` takes an exclusive lock on a file of the
state folder (portalocker: ``flock`` on Linux and macOS, ``LockFileEx`` on Windows;
released by the system even on ``kill -9``) and refuses, with a French message,
while another run holds it. On a network drive (SMB, NFS) locks may not reach
other machines: run one batch per output folder at a time there.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from convgen.errors import StateError, os_reason
from convgen.output import make_folders

STATE_DIR = ".convgen"
_INPUTS = "dossier_entrees"  # key of the input folder in the meta table
_TEMPLATES = "dossier_modeles"  # key of the templates folder (--modeles) in the meta table
DATABASE = "etat.sqlite"
LOCK_FILE = "verrou"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    input TEXT PRIMARY KEY,
    output TEXT NOT NULL,
    raw_sha256 TEXT NOT NULL,
    validated_sha256 TEXT NOT NULL,
    template TEXT NOT NULL,
    template_sha256 TEXT NOT NULL,
    engine TEXT NOT NULL,
    output_sha256 TEXT NOT NULL,
    warnings INTEGER NOT NULL,
    parsed BLOB
);
CREATE TABLE IF NOT EXISTS pending (
    input TEXT PRIMARY KEY,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pdfs (
    input TEXT PRIMARY KEY,
    pdf_sha256 TEXT,
    docx_sha256 TEXT,
    pdfa INTEGER,
    pending_sha256 TEXT,
    pending_docx_sha256 TEXT,
    pending_pdfa INTEGER
);
"""


@dataclass(frozen=True, slots=True)
class Record:
    """One generated document as the state knows it. Paths are relative, with ``/``."""

    input: str
    output: str
    raw_sha256: str
    validated_sha256: str
    template: str
    template_sha256: str
    engine: str
    output_sha256: str
    warnings: int


@dataclass(frozen=True)
class PdfRecord:
    """The PDF of a document (``regenerer --pdf``): what was written, from which .docx,
    and a write announced but not confirmed (settled by the bytes on disk, as documents)."""

    input: str
    pdf_sha256: str | None
    docx_sha256: str | None
    pdfa: bool | None
    pending_sha256: str | None = None
    pending_docx_sha256: str | None = None
    pending_pdfa: bool | None = None

    def made_from(self, on_disk: str) -> tuple[str | None, bool | None] | None:
        """The .docx sha256 and PDF/A flag of the PDF whose bytes are ``on_disk``, if
        convgen wrote it; None for a PDF edited by hand or made by someone else."""
        if on_disk == self.pdf_sha256:
            return self.docx_sha256, self.pdfa
        if on_disk == self.pending_sha256:
            return self.pending_docx_sha256, self.pending_pdfa
        return None


_COLUMNS = [field.name for field in dataclasses.fields(Record)]
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM documents"
_PENDING = "INSERT OR REPLACE INTO pending (input, record) VALUES (?, ?)"
_UPSERT = (
    f"INSERT OR REPLACE INTO documents ({', '.join(_COLUMNS)}, parsed) "
    f"VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})"
)


class Manifest:
    """The state of one output folder. Use :meth:`open` to write, :meth:`read_only` to plan."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        source: str,
        lock: BinaryIO | None,
        copy: tempfile.TemporaryDirectory[str] | None = None,
    ) -> None:
        self._db = connection
        self._source = source
        self._lock = lock
        self._copy = copy  # the folder of the copy read instead of the state (read_only)

    @classmethod
    def open(cls, output_dir: Path) -> Manifest:
        """Lock and open (creating it) the state of ``output_dir``.

        Raises StateError, or OutputError if the state folder cannot be created.
        """
        state = output_dir / STATE_DIR
        make_folders(state)
        lock = _lock(state / LOCK_FILE, output_dir)
        try:
            return cls(_connect(state / DATABASE), str(state / DATABASE), lock)
        except BaseException:
            lock.close()
            raise

    @classmethod
    def read_only(cls, output_dir: Path) -> Manifest:
        """The state of ``output_dir`` for reading only; empty if there is none yet.

        Creates nothing: ``--simulation`` must leave the output folder untouched. A run
        in progress is said as for a run (its state is half written): StateError.
        """
        path = output_dir / STATE_DIR / DATABASE
        lock_path = path.parent / LOCK_FILE
        if lock_path.is_file():  # none: no run has held this folder
            _lock(lock_path, output_dir, create=False).close()
        if not path.is_file():
            memory = sqlite3.connect(":memory:", isolation_level=None)
            memory.executescript(_SCHEMA)
            return cls(memory, str(path), None)
        with _guard(str(path)):
            connection = _open_read_only(path)
            copy = None
            if connection is None:  # a journal to roll back, or WAL files missing
                copy, connection = _recovered_copy(output_dir, path)
            manifest = cls(connection, str(path), None, copy)
            try:
                _check_version(connection, str(path))
            except BaseException:
                manifest.close()
                raise
        return manifest

    def __enter__(self) -> Manifest:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database and release the lock."""
        if self._lock is not None:
            # WAL makes each commit of a group of documents cheap while the run lasts; back in
            # rollback mode at rest, the state is one file that a read-only reader
            # (--simulation) can open without SQLite creating -wal/-shm files.
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("PRAGMA journal_mode=DELETE")
        self._db.close()
        if self._copy is not None:
            self._copy.cleanup()
            self._copy = None
        if self._lock is not None:
            self._lock.close()  # releases the lock
            self._lock = None

    def descriptors(self) -> tuple[int, ...]:
        """Open descriptors that a forked process must close (the lock)."""
        return () if self._lock is None else (self._lock.fileno(),)

    def records(self) -> dict[str, Record]:
        """Every recorded document, by input path (without the parsed inputs).
        Raises StateError if a record is damaged."""
        return {record.input: record for record in self.each_record()}

    def record(self, input_path: str) -> Record | None:
        """The record of one input, if any. Raises StateError if it is damaged."""
        with _guard(self._source):
            row = self._db.execute(f"{_SELECT} WHERE input = ?", (input_path,)).fetchone()
        return None if row is None else _checked(self._source, Record, *row)

    def each_record(self) -> Iterator[Record]:
        """Every recorded document, in the order of the state, row by row: a state of
        100,000 documents is gone through without holding their records. Each is
        checked on the way (raises StateError if one is damaged), so that a damaged
        state stops a run before anything is written."""
        with _guard(self._source):
            for row in self._db.execute(f"{_SELECT} ORDER BY rowid"):
                yield _checked(self._source, Record, *row)

    def pending(self) -> dict[str, Record]:
        """Documents whose write was announced but not confirmed (an interrupted run).
        Raises StateError if a record is damaged."""
        with _guard(self._source):
            rows = self._db.execute("SELECT record FROM pending").fetchall()
        records = [_checked(self._source, _from_json, row[0]) for row in rows]
        return {record.input: record for record in records}

    def parsed(self, input_path: str) -> bytes | None:
        """The parsed input recorded with the document, if any."""
        with _guard(self._source):
            row = self._db.execute(
                "SELECT parsed FROM documents WHERE input = ?", (input_path,)
            ).fetchone()
        return None if row is None else row[0]

    def pdfs(self) -> dict[str, PdfRecord]:
        """Every recorded PDF, by input path (none in a state older than PDFs)."""
        with _guard(self._source):
            if not self._db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pdfs'"
            ).fetchone():
                return {}
            rows = self._db.execute(f"SELECT {', '.join(_PDF_COLUMNS)} FROM pdfs").fetchall()
        return {row[0]: _pdf_record(self._source, row) for row in rows}

    def mark_pdf_pending(
        self, input_path: str, pdf_sha256: str, docx_sha256: str, pdfa: bool
    ) -> None:
        """Announce, durably, the PDF about to be written for ``input_path``."""
        with self._transaction(durable=True):
            self._db.execute("INSERT OR IGNORE INTO pdfs (input) VALUES (?)", (input_path,))
            self._db.execute(
                "UPDATE pdfs SET pending_sha256 = ?, pending_docx_sha256 = ?, pending_pdfa = ? "
                "WHERE input = ?",
                (pdf_sha256, docx_sha256, pdfa, input_path),
            )

    def mark_pdf_done(self, input_path: str, pdf_sha256: str, docx_sha256: str, pdfa: bool) -> None:
        """Record the PDF of ``input_path`` as written."""
        with self._transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO pdfs (input, pdf_sha256, docx_sha256, pdfa) "
                "VALUES (?, ?, ?, ?)",
                (input_path, pdf_sha256, docx_sha256, pdfa),
            )

    def mark_pending(self, *records: Record) -> None:
        """Announce that each ``record.output_sha256`` is about to be written (durably,
        in one commit)."""
        rows = [(r.input, json.dumps(dataclasses.asdict(r), ensure_ascii=False)) for r in records]
        with self._transaction(durable=True):
            self._db.executemany(_PENDING, rows)

    def mark_done(self, record: Record, parsed: bytes | None) -> None:
        """Record a document as written, with the parsed input it was made from."""
        self.mark_all_done([(record, parsed)])

    def mark_all_done(self, written: Sequence[tuple[Record, bytes | None]]) -> None:
        """Record documents as written, each with its parsed input (one commit)."""
        if not written:
            return
        with self._transaction():
            self._db.executemany(
                _UPSERT, [(*dataclasses.astuple(record), parsed) for record, parsed in written]
            )
            self._db.executemany(
                "DELETE FROM pending WHERE input = ?", [(record.input,) for record, _ in written]
            )

    def confirm_pending(self, record: Record) -> None:
        """The announced write happened: record it. The parsed input is kept only if it
        still describes the recorded raw input under the recorded engine."""
        with self._transaction():
            row = self._db.execute(
                "SELECT parsed FROM documents WHERE input = ? AND raw_sha256 = ? AND engine = ?",
                (record.input, record.raw_sha256, record.engine),
            ).fetchone()
            self._db.execute(_UPSERT, (*dataclasses.astuple(record), row[0] if row else None))
            self._db.execute("DELETE FROM pending WHERE input = ?", (record.input,))

    def drop_pending(self, input_path: str) -> None:
        """The announced write did not happen: forget the announcement."""
        with self._transaction():
            self._db.execute("DELETE FROM pending WHERE input = ?", (input_path,))

    def save_validation(
        self, input_path: str, raw_sha256: str, warnings: int, parsed: bytes | None
    ) -> None:
        """An input edited without changing its validated data (a comment, key order)."""
        with self._transaction():
            self._db.execute(
                "UPDATE documents SET raw_sha256 = ?, warnings = ?, parsed = ? WHERE input = ?",
                (raw_sha256, warnings, parsed, input_path),
            )

    def input_folder(self) -> str | None:
        """The real path of the input folder the documents were made from, if recorded."""
        return self._meta(_INPUTS)

    def templates_folder(self) -> str | None:
        """The templates folder of the last run, if recorded: its real path, or
        ``batch.run.SHIPPED_TEMPLATES`` for those shipped with convgen."""
        return self._meta(_TEMPLATES)

    def record_folders(self, inputs: str, templates: str) -> None:
        """The input and templates folders of this run, in one commit if they changed."""
        wanted = {_INPUTS: inputs, _TEMPLATES: templates}
        changed = [(key, value) for key, value in wanted.items() if self._meta(key) != value]
        if changed:
            with self._transaction():
                self._db.executemany(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", changed
                )

    def _meta(self, key: str) -> str | None:
        with _guard(self._source):
            try:
                row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            except sqlite3.OperationalError:  # a state made before the table, read only
                return None
        return row[0] if row else None

    def rename(self, old_input: str, new_input: str) -> None:
        """The record of an input renamed on disk, under its new name."""
        with self._transaction():
            for table in ("documents", "pdfs"):
                self._db.execute(
                    f"UPDATE {table} SET input = ? WHERE input = ?", (new_input, old_input)
                )

    def forget(self, input_path: str) -> None:
        """Drop a document whose input and output are both gone."""
        with self._transaction():
            for table in ("documents", "pdfs"):
                self._db.execute(f"DELETE FROM {table} WHERE input = ?", (input_path,))

    @contextlib.contextmanager
    def _transaction(self, *, durable: bool = False) -> Iterator[None]:
        """One committed transaction. ``durable``: on disk when this returns.

        Only a pending mark must reach the disk before the rename it announces.
        Other commits may lag (the next durable commit or the closing checkpoint
        writes them, WAL being sequential): losing one to a power cut only
        repeats work, since a lost done mark is settled from its pending mark.
        """
        with _guard(self._source):
            if durable:
                self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            if durable:
                self._db.execute("PRAGMA synchronous=NORMAL")


def _lock(path: Path, output_dir: Path, *, create: bool = True) -> BinaryIO:
    """The lock file, open and locked (exclusive, without waiting), on any platform;
    ``create=False``: an existing one, opened for reading (a folder the user may only
    read can be locked)."""
    import portalocker  # noqa: PLC0415 - imports fcntl or pywin32: only where a batch runs

    try:
        handle = path.open("a+b" if create else "rb")
    except OSError as exc:
        action = "créer" if create else "ouvrir"
        reason = os_reason(exc)
        raise StateError(f"verrou impossible à {action} ({reason})", source=str(path)) from None
    try:
        portalocker.lock(
            handle, portalocker.LockFlags.EXCLUSIVE | portalocker.LockFlags.NON_BLOCKING
        )
    except (portalocker.exceptions.LockException, OSError):
        handle.close()
        raise StateError(
            "une autre régénération est en cours dans ce dossier de sortie ; attendez qu'elle "
            f"se termine, puis relancez la commande (verrou : {path})",
            source=str(output_dir),
        ) from None
    return handle


def _connect(path: Path) -> sqlite3.Connection:
    with _guard(str(path)):
        connection = sqlite3.connect(path, isolation_level=None, timeout=30)
        try:
            _check_version(connection, str(path))
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")  # FULL for pending marks
            connection.executescript(_SCHEMA)
            connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except BaseException:
            connection.close()
            raise
    return connection


def _open_read_only(path: Path) -> sqlite3.Connection | None:
    """The state at ``path``, opened for reading without writing anything beside it;
    None if it must be read from a copy: SQLite must first roll back a journal, which a
    read-only connection may not, or the state is in WAL mode without its -wal and -shm
    files, which even a read-only connection would create beside it.

    A run killed while SQLite switched the state in or out of WAL (the start and the end
    of a run) leaves either; the next run settles them.
    """
    if _wal_files_missing(path):
        return None
    uri = path.resolve().as_uri() + "?mode=ro"
    connection = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        connection.execute("PRAGMA user_version")  # the first read looks for a journal
    except sqlite3.OperationalError as exc:
        connection.close()
        if _primary(exc) != _SQLITE_READONLY:
            raise
        return None
    except BaseException:
        connection.close()
        raise
    return connection


def _wal_files_missing(path: Path) -> bool:
    """The database at ``path`` is in WAL mode (write version 2 in its header) and its
    -wal or -shm file is missing."""
    try:
        with path.open("rb") as file:
            header = file.read(20)
    except OSError:
        return False  # said by SQLite when it opens the file
    in_wal = len(header) == 20 and header[18] == 2
    return in_wal and not all(path.with_name(path.name + end).is_file() for end in _WAL_FILES)


_WAL_FILES = ("-wal", "-shm")


def _recovered_copy(
    output_dir: Path, path: Path
) -> tuple[tempfile.TemporaryDirectory[str], sqlite3.Connection]:
    """A copy of the state at ``path`` and of the journal or WAL beside it, in a
    temporary folder where SQLite settles them: ``--simulation`` plans from what the
    next run will find, and the output folder stays untouched. The copy is made under
    the run's lock, so that no run starts meanwhile (one that is running is said, as
    for a run). Raises StateError."""
    lock_path = path.parent / LOCK_FILE  # none: no run has held this folder since
    lock = _lock(lock_path, output_dir, create=False) if lock_path.is_file() else None
    folder = None
    try:
        folder = tempfile.TemporaryDirectory(prefix="convgen-etat-", ignore_cleanup_errors=True)
        copy = Path(folder.name) / path.name
        for suffix in ("", "-journal", "-wal"):
            source = path.with_name(path.name + suffix)
            if suffix == "" or source.is_file():
                shutil.copyfile(source, copy.with_name(copy.name + suffix))
        connection = sqlite3.connect(copy, isolation_level=None)
        try:
            connection.execute("PRAGMA user_version")  # rolls the journal back
        except BaseException:
            connection.close()
            raise
    except (OSError, sqlite3.Error) as exc:
        if folder is not None:
            folder.cleanup()
        if isinstance(exc, sqlite3.Error) and _primary(exc) not in _COPY_FAULTS:
            raise  # the state itself: said as such by _guard
        raise _copy_failed(exc, path) from None
    finally:
        if lock is not None:
            lock.close()
    return folder, connection


def _copy_failed(exc: OSError | sqlite3.Error, path: Path) -> StateError:
    """What to say when the copy of the state at ``path`` fails: a file of the output
    folder that cannot be read, or the temporary folder (full, or else)."""
    if isinstance(exc, OSError) and _in_folder(exc.filename, path.parent):
        return StateError(f"lecture impossible ({os_reason(exc)})", source=exc.filename)
    if isinstance(exc, OSError):
        reason, full = os_reason(exc), exc.errno == errno.ENOSPC
    else:
        reason, full = _COPY_FAULTS[_primary(exc)], _primary(exc) == _SQLITE_FULL
    advice = "libérez-y de la place" if full else "vérifiez-le (variable TMPDIR)"
    return StateError(
        "simulation impossible : l'état, laissé par une exécution interrompue, se relit "
        f"dans une copie, qui n'a pu être faite dans le dossier des fichiers temporaires "
        f"({reason}) ; {advice}, ou lancez la régénération sans --simulation : elle "
        "répare l'état",
        source=str(path),
    )


def _primary(exc: sqlite3.Error) -> int:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else -1


def _in_folder(name: object, folder: Path) -> bool:
    """``name`` (an OSError's file) is a file of ``folder``."""
    return isinstance(name, str) and Path(name).parent == folder


_SQLITE_READONLY = 8
_SQLITE_FULL = 13
# SQLite's faults of the temporary copy rather than of the state (disk full, write
# error, a copy that cannot be opened), as the copy's message says them.
_COPY_FAULTS = {
    _SQLITE_FULL: "disque plein",
    10: "erreur d'écriture du disque",
    14: "copie impossible à ouvrir",
}


def _check_version(connection: sqlite3.Connection, source: str) -> None:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StateError(
            "état créé par une version plus récente de convgen : mettez convgen à jour",
            source=source,
        )


_DAMAGED = (
    "état de régénération illisible (base SQLite endommagée ou d'un autre "
    "programme) : supprimez le dossier .convgen puis relancez, sans --forcer — "
    "les documents existants seront retrouvés et ceux modifiés à la main conservés"
)
_TEXT_FIELDS = [f.name for f in dataclasses.fields(Record) if f.name != "warnings"]


def _from_json(text: Any) -> Record:
    return Record(**json.loads(text))


def _checked(source: str, make: Callable[..., Record], *args: Any) -> Record:
    """A record read from the state, checked: a damaged one (wrong types, a path that
    is absolute or climbs out of its folder) must never make convgen touch a file
    outside the output folder, nor crash it."""
    try:
        record = make(*args)
    except (ValueError, TypeError, KeyError):
        raise StateError(_DAMAGED, source=source) from None
    texts = [getattr(record, name) for name in _TEXT_FIELDS]
    if (
        not all(isinstance(text, str) for text in texts)
        or isinstance(record.warnings, bool)
        or not isinstance(record.warnings, int)
        or not (_relative(record.input) and _relative(record.output))
    ):
        raise StateError(_DAMAGED, source=source)
    return record


_PDF_COLUMNS = [field.name for field in dataclasses.fields(PdfRecord)]


def _pdf_record(source: str, row: tuple[Any, ...]) -> PdfRecord:
    texts = [row[i] for i in (0, 1, 2, 4, 5)]
    flags = [row[i] for i in (3, 6)]
    if not (isinstance(row[0], str) and _relative(row[0])) or not all(
        text is None or isinstance(text, str) for text in texts
    ):
        raise StateError(_DAMAGED, source=source)
    if not all(flag in (None, 0, 1) for flag in flags):
        raise StateError(_DAMAGED, source=source)
    pdfa, pending_pdfa = (None if flag is None else bool(flag) for flag in flags)
    return PdfRecord(row[0], row[1], row[2], pdfa, row[4], row[5], pending_pdfa)


def _relative(path: str) -> bool:
    """A ``/`` path inside its folder: not absolute, no ``..``, no drive, no NUL."""
    parts = path.split("/")
    return (
        bool(path)
        and not path.startswith(("/", "\\"))
        and "\\" not in path
        and "\x00" not in path
        and ":" not in parts[0]
        and all(part not in ("", ".", "..") for part in parts)
    )


@contextlib.contextmanager
def _guard(source: str) -> Iterator[None]:
    """SQLite failures (corrupt file, disk full) become a French StateError."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StateError(_SQLITE_REASONS.get(_primary(exc)) or _DAMAGED, source=source) from None


_KEPT = "les documents déjà écrits sont conservés et l'exécution suivante ne refera que les autres"
# Primary result codes (https://sqlite.org/rescode.html) that say what to do.
_SQLITE_REASONS = {
    13: f"disque plein : la régénération s'arrête ; libérez de la place et relancez ({_KEPT})",
    8: f"état en lecture seule : la régénération s'arrête ({_KEPT})",
    10: f"erreur d'écriture du disque : la régénération s'arrête ({_KEPT})",
}

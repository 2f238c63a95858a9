"""The report's entries of a batch, kept in a temporary file while the batch runs."""

from __future__ import annotations

import contextlib
import errno
import os
import pickle
import tempfile
import weakref
from array import array
from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

from convgen.batch.report import Entry, Status
from convgen.errors import StateError, os_reason


class Spool:
    """The entries of the documents a batch makes, written to a temporary file as each
    document is finished, and read back one at a time in the order of their jobs (the
    plan's, by input). A run over 100,000 documents holds 16 bytes per document rather
    than each entry with its messages and located problems (a kilobyte or more with
    warnings).

    The file is made at the first entry, in the system's temporary folder, for this
    process only (removed at once where the system allows it, else when it is closed;
    forked workers inherit its descriptor and never use it): its entries are pickled.
    ``writes``: the command writes documents (not ``--simulation``), said when the file
    cannot be written.
    """

    def __init__(self, *, writes: bool = True) -> None:
        self._writes = writes
        self._file: BinaryIO | None = None
        self._offsets = array("q")  # where each entry starts, in the order added
        self._positions = array("q")  # the place of its job in the plan
        self._statuses: Counter[Status] = Counter()
        self._failure: StateError | None = None  # the file could not be written

    def add(self, position: int, entry: Entry) -> None:
        """Keep ``entry``, that of the job at ``position`` in the plan (on disk when
        this returns). Raises StateError if the temporary file cannot be written."""
        if self._failure is not None:
            raise self._failure
        try:
            file = self._open()
            offset = file.seek(0, os.SEEK_END)
            pickle.dump(entry, file, protocol=pickle.HIGHEST_PROTOCOL)
            file.flush()
        except OSError as exc:
            if self._file is not None:  # closed now, its failed buffer dropped
                with contextlib.suppress(OSError):
                    self._file.close()
            self._failure = self._unwritable(exc)
            raise self._failure from None
        self._offsets.append(offset)
        self._positions.append(position)
        self._statuses[entry.status] += 1

    def __len__(self) -> int:
        return len(self._offsets)

    def totals(self) -> Counter[Status]:
        """Entries per status, counted as they were added."""
        return Counter(self._statuses)

    def __iter__(self) -> Iterator[Entry]:
        """The entries in the order of their jobs (stable: in the order added, for one
        job's)."""
        if self._failure is not None:
            raise self._failure
        if self._file is None:
            return
        for index in sorted(range(len(self._offsets)), key=self._positions.__getitem__):
            self._file.seek(self._offsets[index])
            entry: Entry = pickle.load(self._file)
            yield entry

    def _open(self) -> BinaryIO:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="convgen-compte-rendu-")  # noqa: SIM115
            # Closed when the spool is collected: it lives as long as the report that reads it.
            weakref.finalize(self, self._file.close)
        return self._file

    def _unwritable(self, exc: OSError) -> StateError:
        folder = None
        with contextlib.suppress(OSError):  # no usable temporary folder at all
            folder = tempfile.gettempdir()
        after = (
            "la régénération s'arrête (les documents déjà écrits sont conservés et "
            "l'exécution suivante ne refera que les autres)"
            if self._writes
            else "la simulation s'arrête"
        )
        advice = (
            "libérez de la place dans le dossier des fichiers temporaires"
            if exc.errno == errno.ENOSPC
            else "vérifiez le dossier des fichiers temporaires (variable TMPDIR)"
        )
        return StateError(
            "compte rendu impossible à tenir dans un fichier temporaire : "
            f"{os_reason(exc, writing=True)} ; {advice} ; {after}",
            source=folder,
        )

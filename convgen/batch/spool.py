"""The report's entries of a batch, kept in a temporary file while the batch runs."""

from __future__ import annotations

import os
import pickle
import tempfile
import weakref
from array import array
from collections import Counter
from collections.abc import Iterator

from convgen.batch.report import Entry, Status
from convgen.errors import StateError, os_reason


class Spool:
    """The entries of the documents a batch makes, written to an anonymous temporary
    file as each document is finished, and read back one at a time in the order of
    their jobs (the plan's, by input). A run over 100,000 documents holds 16 bytes per
    document rather than each entry with its messages and located problems (a
    kilobyte or more with warnings).

    The file is this process's own (unnamed, readable by its owner only, gone when it
    is closed or the process ends): its entries are pickled.
    """

    def __init__(self) -> None:
        try:
            self._file = tempfile.TemporaryFile(prefix="convgen-compte-rendu-")  # noqa: SIM115
        except OSError as exc:
            raise _unwritable(exc) from None
        # Closed when the spool is collected: it lives as long as the report that reads it.
        weakref.finalize(self, self._file.close)
        self._offsets = array("q")  # where each entry starts, in the order added
        self._positions = array("q")  # the place of its job in the plan
        self._statuses: Counter[Status] = Counter()

    def add(self, position: int, entry: Entry) -> None:
        """Keep ``entry``, that of the job at ``position`` in the plan.
        Raises StateError if the temporary file cannot be written (disk full)."""
        try:
            offset = self._file.seek(0, os.SEEK_END)
            pickle.dump(entry, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as exc:
            raise _unwritable(exc) from None
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
        self._file.flush()
        for index in sorted(range(len(self._offsets)), key=self._positions.__getitem__):
            self._file.seek(self._offsets[index])
            entry: Entry = pickle.load(self._file)
            yield entry


def _unwritable(exc: OSError) -> StateError:
    return StateError(
        f"compte rendu impossible à tenir dans un fichier temporaire : "
        f"{os_reason(exc, writing=True)} ; la régénération s'arrête (les documents déjà "
        "écrits sont conservés et l'exécution suivante ne refera que les autres)",
        source=tempfile.gettempdir(),
    )

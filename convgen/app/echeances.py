"""convgen echeancier: the calendar of obligations of files and folders of inputs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from convgen.app.documents import check_files, named_inputs, run_options
from convgen.documents.registry import title_of
from convgen.echeances.calcul import obligations
from convgen.echeances.formats import Entry, as_csv, as_ics, as_json, as_text
from convgen.errors import Problem, UsageError
from convgen.output import same_file, write_atomic
from convgen.validation.validator import Validated
from convgen.wording.formatting import long_date

FORMATS = ("texte", "json", "csv", "ics")


@dataclass(frozen=True)
class Schedule:
    """The obligations due in a period, and the problems of the inputs that are not valid."""

    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]
    files: int
    failed: int = 0  # inputs (or entries of the folders named) that are not valid
    valid: int = 0  # inputs that are

    @property
    def ok(self) -> bool:
        return not any(problem.is_error for problem in self.problems)


def schedule(
    paths: Sequence[Path], since: dt.date, until: dt.date, output: Path | None = None
) -> Schedule:
    """Every obligation from ``since`` to ``until`` of the inputs named or found in the
    folders named (drafts included: a missing date leaves out its obligations only).
    ``output``, the file the schedule will be written to, is never read as an input: a
    schedule written into a folder it reads is left out of the next one. Raises
    UsageError if ``output`` is an input named."""
    if until < since:
        raise UsageError(
            f"période vide : la fin ({long_date(until)}) précède le début ({long_date(since)})"
        )
    named, refused = named_inputs(paths)
    if output is not None:
        named = _without_output(named, output)
    files = sorted(named)
    results = check_files(files, run_options(draft=True))
    entries = [
        entry
        for path, result in zip(files, results, strict=True)
        if isinstance(result, Validated) and result.ok
        for entry in _entries(result, until, named[path])
        if since <= entry.obligation.date
    ]
    problems = (*refused, *(p for result in results if not result.ok for p in result.problems))
    entries.sort(key=lambda e: (e.obligation.date, e.source, e.obligation.kind))
    invalid = sum(1 for result in results if not result.ok)
    return Schedule(
        tuple(entries), problems, len(files), len(refused) + invalid, len(files) - invalid
    )


def _without_output(named: dict[Path, str], output: Path) -> dict[Path, str]:
    """The inputs but ``output``, if it is a schedule written before (a JSON list, which
    no input is); raises UsageError if it is an input, which writing would destroy."""
    found = [path for path in named if same_file(path, output)]
    if not found:
        return named
    if not _is_schedule(found[0]):
        raise UsageError(
            "l'échéancier remplacerait un fichier d'entrée : choisissez un autre nom avec -o",
            source=str(output),
        )
    return {path: name for path, name in named.items() if path not in found}


def _is_schedule(path: Path) -> bool:
    """Whether ``path`` holds a schedule in JSON (a list: an input is a mapping)."""
    try:
        with path.open("rb") as file:
            start = file.read(64).lstrip()
    except OSError:
        return False
    return path.suffix.lower() == ".json" and start.startswith(b"[")


def publish(schedule: Schedule, fmt: str, output: Path | None, stamp: dt.datetime) -> bytes:
    """The schedule in ``fmt`` (texte, json, csv or ics), written atomically to ``output``
    if given; returns the bytes (to print when there is no ``output``)."""
    if fmt == "ics":
        data = as_ics(schedule.entries, stamp)
    else:
        data = {"texte": as_text, "json": as_json, "csv": as_csv}[fmt](schedule.entries).encode()
    if output is not None:
        write_atomic(output, data)
    return data


def _entries(result: Validated, until: dt.date, file: str) -> Iterator[Entry]:
    document = result.document
    title = title_of(document)
    if document.reference:  # what tells apart the same deadline of a hundred charters
        title = f"{title} – réf. {document.reference}"
    parties = tuple(org.short_name for org in document.organisations)
    for obligation in obligations(document, until):
        yield Entry(obligation, result.raw.source, title, parties, file)

"""What a batch run did, per document, and its French text and JSON forms (pure)."""

from __future__ import annotations

import heapq
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any, Protocol, overload

from convgen.batch.names import printable
from convgen.errors import Problem


class Status(StrEnum):
    """Outcome of one document; the values are the JSON ``statut``."""

    GENERE = "genere"
    INCHANGE = "inchange"
    ECHEC = "echec"
    MODIFIE_MAIN = "modifie_main"
    ORPHELIN = "orphelin"


class Reason(StrEnum):
    """Why a document is (re)generated, or kept."""

    NOUVEAU = "nouveau"
    DONNEES = "données modifiées"
    MODELE = "modèle modifié"
    MOTEUR = "moteur mis à jour"
    ABSENTE = "sortie absente"
    MAIN = "sortie modifiée à la main"
    TEXTE_INCHANGE = "sortie modifiée, texte inchangé"
    FORCE = "forcé"


@dataclass(frozen=True, slots=True)
class Entry:
    """One document of the report: paths as the user wrote the folders."""

    input: str
    output: str
    status: Status
    reason: Reason | None = None
    messages: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()  # the input's own, located (JSON report)


def order(entry: Entry) -> tuple[str, str]:
    """The report's order: by input, then document."""
    return entry.input, entry.output


class Made(Protocol):
    """Entries kept elsewhere than in a list (a batch's, in a temporary file), in
    ``order``, counted per status as they were made."""

    def __iter__(self) -> Iterator[Entry]: ...
    def __len__(self) -> int: ...
    def totals(self) -> Counter[Status]: ...


class Listing(Sequence[Entry]):
    """The documents of a report, in order: ``entries``, those ``made`` by a batch, and
    the inputs left unchanged, whose entries ``make`` builds when they are read (a batch
    over 100,000 unchanged inputs is reported without holding 100,000 entries).
    ``entries`` and ``made`` are sorted by ``order``, ``unchanged`` by input path, and
    ``make`` keeps that order (the paths share the input folder)."""

    def __init__(
        self,
        entries: Sequence[Entry],
        unchanged: Sequence[str],
        make: Callable[[str], Entry],
        made: Made | None = None,
    ) -> None:
        self._entries = entries
        self._made = made
        self._unchanged = unchanged
        self._make = make

    def __iter__(self) -> Iterator[Entry]:
        return heapq.merge(*self._parts(), map(self._make, self._unchanged), key=order)

    def __len__(self) -> int:
        return sum(map(len, self._parts())) + len(self._unchanged)

    def totals(self) -> Counter[Status]:
        """Documents per status, counted without making the unchanged ones' entries."""
        counts = Counter(entry.status for entry in self._entries)
        if self._made is not None:
            counts.update(self._made.totals())
        counts[Status.INCHANGE] += len(self._unchanged)
        return counts

    def changed(self) -> Iterable[Entry]:
        """The entries made one by one, in order: every document but those planned as
        unchanged (one a worker finds unchanged, after an edit of a comment, is here)."""
        return heapq.merge(*self._parts(), key=order)

    def _parts(self) -> list[Sequence[Entry] | Made]:
        return [self._entries] if self._made is None else [self._entries, self._made]

    # Reading by index makes the whole list each time: a report is read in order.
    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Entry]: ...
    def __getitem__(self, index: int | slice) -> Entry | Sequence[Entry]:
        return list(self)[index]


class PdfStatus(StrEnum):
    """Outcome of one PDF (``regenerer --pdf``); the values are the JSON ``statut``."""

    PRODUIT = "produit"
    INCHANGE = "inchange"
    A_PRODUIRE = "a_produire"  # --simulation
    MODIFIE_MAIN = "modifie_main"
    EN_ATTENTE = "en_attente"  # its document is not up to date
    ECHEC = "echec"


@dataclass(frozen=True)
class PdfEntry:
    output: str
    status: PdfStatus
    message: str = ""


@dataclass(frozen=True)
class Report:
    entries: Sequence[Entry]
    simulation: bool = False
    internal: bool = False  # a fault of convgen itself, on a document the report names
    pdfs: Sequence[PdfEntry] | None = None  # None without --pdf

    @cached_property
    def pdf_totals(self) -> Counter[PdfStatus]:
        return Counter(entry.status for entry in self.pdfs or ())

    @cached_property
    def totals(self) -> Counter[Status]:
        """Documents per status (the report is built once, its entries never change)."""
        if isinstance(self.entries, Listing):
            return self.entries.totals()
        return Counter(entry.status for entry in self.entries)

    @property
    def ok(self) -> bool:
        """False if any document or PDF failed (exit code 1)."""
        return self.totals[Status.ECHEC] == 0 and self.pdf_totals[PdfStatus.ECHEC] == 0


_FORMS = {
    Status.GENERE: ("généré", "générés"),
    Status.INCHANGE: ("inchangé", "inchangés"),
    Status.ECHEC: ("échec", "échecs"),
    Status.MODIFIE_MAIN: ("modifié à la main", "modifiés à la main"),
    Status.ORPHELIN: ("orphelin", "orphelins"),
}
_SIMULATED = {Status.GENERE: ("à générer", "à générer")}


def text_report(report: Report, seconds: float) -> str:
    """The French report: one line per document that needs attention, then a summary."""
    return "\n".join(text_report_lines(report, seconds))


def text_report_lines(report: Report, seconds: float) -> Iterator[str]:
    """The lines of ``text_report``, made as they are read: the report of a large batch
    is printed without being held whole in memory."""
    # The unchanged are not printed: a listing is read without making their entries.
    entries = report.entries.changed() if isinstance(report.entries, Listing) else report.entries
    seen: dict[str, str] = {}  # message -> the first document printed with it
    failed: list[str] = []
    others = 0  # documents printed that did not fail
    for entry in entries:
        yield from _entry_lines(entry, report.simulation, seen)
        if entry.status is Status.ECHEC:
            failed.append(printable(entry.input))
        elif entry.status is not Status.INCHANGE:
            others += 1
    if failed and others:  # among the other documents' lines: listed again, together
        yield f"Échecs, repris ensemble ({len(failed)}) :"
        yield from (f"  {path}" for path in failed)
    if report.pdfs is not None:
        yield from (line for entry in report.pdfs for line in _pdf_lines(entry))
        yield pdf_summary(report)
    yield summary(report, seconds)


_KEPT = Status.MODIFIE_MAIN
_NOTES = {
    Status.MODIFIE_MAIN: " ; conservé (--forcer pour le régénérer)",
    Status.ORPHELIN: " ; conservé",
}


def _entry_lines(entry: Entry, simulation: bool, seen: dict[str, str]) -> Iterable[str]:
    """The document's line and its messages; for a failure, a message already printed
    for another failure (a template to fix fails all its documents alike) is not
    printed again, the line names that document instead."""
    if entry.status is Status.INCHANGE:
        return []
    path = entry.input if entry.status is Status.ECHEC else entry.output
    note = _NOTES.get(entry.status) or (f" ({entry.reason})" if entry.reason else "")
    head = f"{_label(entry.status, 1, simulation)} : {printable(path)}{note}"
    if entry.status is not Status.ECHEC:  # notes, said for each document
        return [head, *(f"  {printable(message)}" for message in entry.messages)]
    new = [message for message in entry.messages if message not in seen]
    earlier = list(dict.fromkeys(seen[m] for m in entry.messages if m in seen))
    seen.update(dict.fromkeys(new, path))
    if earlier:
        head += " : " + " ; ".join(f"même problème que pour {printable(e)}" for e in earlier)
    return [head, *(f"  {printable(message)}" for message in new)]


_PDF_FORMS = {
    PdfStatus.PRODUIT: ("produit", "produits"),
    PdfStatus.INCHANGE: ("inchangé", "inchangés"),
    PdfStatus.A_PRODUIRE: ("à produire", "à produire"),
    PdfStatus.MODIFIE_MAIN: ("modifié à la main", "modifiés à la main"),
    PdfStatus.EN_ATTENTE: ("en attente de son document", "en attente de leur document"),
    PdfStatus.ECHEC: ("échec", "échecs"),
}
_PDF_NOTES = {PdfStatus.MODIFIE_MAIN: " ; conservé (--forcer pour le reconstruire)"}


def _pdf_lines(entry: PdfEntry) -> Iterable[str]:
    if entry.status is PdfStatus.INCHANGE:
        return []
    head = f"PDF {_PDF_FORMS[entry.status][0]} : {printable(entry.output)}"
    note = _PDF_NOTES.get(entry.status, "")
    return [head + note, *([f"  {printable(entry.message)}"] if entry.message else [])]


def pdf_summary(report: Report) -> str:
    """« PDF : 3 produits, 120 inchangés, 0 échec. » (statuses that happened, échecs always)."""
    totals = report.pdf_totals
    shown = [s for s in PdfStatus if totals[s] or s is PdfStatus.ECHEC]
    counts = ", ".join(
        f"{totals[s]} {_PDF_FORMS[s][0] if totals[s] < 2 else _PDF_FORMS[s][1]}" for s in shown
    )
    return f"PDF : {counts}."


def summary(report: Report, seconds: float) -> str:
    """« Régénération terminée en 2,4 s : 3 générés, 120 inchangés, 1 échec… »."""
    counts = ", ".join(
        f"{report.totals[status]} {_label(status, report.totals[status], report.simulation)}"
        for status in Status
    )
    duration = f"{seconds:.1f}".replace(".", ",")
    if report.simulation:
        return f"Simulation en {duration} s (rien n'a été écrit) : {counts}."
    return f"Régénération terminée en {duration} s : {counts}."


def _label(status: Status, count: int, simulation: bool) -> str:
    forms = _SIMULATED.get(status, _FORMS[status]) if simulation else _FORMS[status]
    return forms[0] if count < 2 else forms[1]


def json_report_chunks(report: Report, seconds: float) -> Iterator[str]:
    """One JSON object on one line, for scripts: every document, the totals, the
    duration. In pieces, a document at a time, so that the report of a large batch is
    written without being held whole in memory (with its dictionaries).

    Not indented: json's C encoder handles only compact output, and the report of
    10,000 documents took half a second to indent.
    """
    yield f'{{"simulation": {json.dumps(report.simulation)}, "documents": ['
    for index, entry in enumerate(report.entries):
        yield (", " if index else "") + json.dumps(_json_document(entry), ensure_ascii=False)
    rest = {
        "totaux": {str(status): report.totals[status] for status in Status},
        **_json_pdfs(report),
        "duree_s": round(seconds, 3),
    }
    yield "], " + json.dumps(rest, ensure_ascii=False)[1:]


_FINISHED = "convgen_finished"


def keep_finished(stop: BaseException, finished: Iterable[Entry]) -> None:
    """Attach to an interruption (Ctrl-C, SIGTERM) the entries of the documents the
    run had finished, for the command to list: after a template change, the documents
    already regenerated are the ones to send out again, and the next run, finding them
    up to date, would list them as unchanged."""
    setattr(stop, _FINISHED, finished)


def finished_before(stop: BaseException) -> Iterable[Entry]:
    """The entries ``keep_finished`` attached to ``stop`` (none: stopped before)."""
    finished: Iterable[Entry] = getattr(stop, _FINISHED, ())
    return finished


def interrupted_lines(finished: Iterable[Entry]) -> Iterator[str]:
    """The text report's lines of the documents finished before an interruption."""
    seen: dict[str, str] = {}
    for entry in finished:
        yield from _entry_lines(entry, False, seen)


def json_documents(finished: Iterable[Entry]) -> list[dict[str, Any]]:
    """The JSON report's documents (« documents ») of ``finished``."""
    return [_json_document(entry) for entry in finished]


def _json_document(entry: Entry) -> dict[str, Any]:
    return {
        "entree": _json_safe(entry.input),
        "sortie": _json_safe(entry.output),
        "statut": str(entry.status),
        "raison": None if entry.reason is None else str(entry.reason),
        # A document edited by hand: the text report's note comes first (« conservé
        # (--forcer pour le régénérer) »), as the README says messages repeat its lines.
        "messages": [
            *([_NOTES[entry.status].removeprefix(" ; ")] if entry.status is _KEPT else []),
            *(_json_safe(message) for message in entry.messages),
        ],
        "problemes": [_json_problem(problem) for problem in entry.problems],
    }


def _json_pdfs(report: Report) -> dict[str, Any]:
    if report.pdfs is None:
        return {}
    return {
        "pdfs": [
            {"sortie": _json_safe(e.output), "statut": str(e.status), "message": e.message}
            for e in report.pdfs
        ],
        "totaux_pdf": {str(status): report.pdf_totals[status] for status in PdfStatus},
    }


def _json_problem(problem: Problem) -> dict[str, str | int | None]:
    return {
        key: _json_safe(value) if isinstance(value, str) else value
        for key, value in problem.as_dict().items()
    }


def _json_safe(text: str) -> str:
    # JSON escapes control characters itself; undecodable bytes it cannot encode.
    return printable(text) if _SURROGATE.search(text) else text


_SURROGATE = re.compile("[\ud800-\udfff]")

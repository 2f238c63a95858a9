"""A batch's report entries kept in a temporary file (``convgen.batch.spool``): read
back whole, in the order of their jobs, counted; a temporary file that cannot be written
stops the run with a French message."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from batch_support import make_inputs, run

from convgen.batch import spool as spool_module
from convgen.batch.report import Entry, Listing, Reason, Report, Status, text_report
from convgen.batch.spool import Spool
from convgen.errors import Problem, Severity, StateError


def entry(name: str, status: Status = Status.GENERE, **fields: object) -> Entry:
    return Entry(f"entrées/{name}.yaml", f"sorties/{name}.docx", status, **fields)  # type: ignore[arg-type]


WARNED = entry(
    "b",
    reason=Reason.MODELE,
    messages=("b.yaml:12: signataire : pouvoir non précisé [SG-02]",),
    problems=(Problem("pouvoir non précisé", Severity.AVERTISSEMENT, "b.yaml", 12, "x", "SG-02"),),
)


def test_entries_come_back_whole_in_the_order_of_their_jobs() -> None:
    spool = Spool()
    finished = [(2, entry("c", Status.ECHEC)), (0, entry("a")), (1, WARNED), (3, entry("d"))]
    for position, made in finished:  # the order the workers finished them
        spool.add(position, made)
    expected = [entry("a"), WARNED, entry("c", Status.ECHEC), entry("d")]
    assert list(spool) == expected
    assert list(spool) == expected  # read again: the report is read more than once
    assert len(spool) == 4
    assert spool.totals() == {Status.GENERE: 3, Status.ECHEC: 1}


def test_a_listing_merges_the_spool_with_the_other_entries() -> None:
    spool = Spool()
    spool.add(1, entry("d"))
    spool.add(0, WARNED)
    decided = [entry("a", Status.MODIFIE_MAIN), entry("c", Status.ORPHELIN)]

    def unchanged(name: str) -> Entry:
        return entry(name.removesuffix(".yaml"), Status.INCHANGE)

    listing = Listing(decided, ["bb.yaml", "e.yaml"], unchanged, spool)
    whole = [decided[0], WARNED, unchanged("bb.yaml"), decided[1], entry("d"), unchanged("e.yaml")]
    assert list(listing) == whole
    assert len(listing) == 6
    assert list(listing.changed()) == [decided[0], WARNED, decided[1], entry("d")]
    assert Report(listing).totals == Report(whole).totals
    assert text_report(Report(listing), 1.0) == text_report(Report(whole), 1.0)


def test_a_temporary_file_that_cannot_be_written_stops_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(spool_module.pickle, "dump", full)
    inputs = make_inputs(tmp_path / "entrees")
    result = run("regenerer", inputs, "-o", tmp_path / "sortie", "-j", "1")
    assert result.exit_code == 1
    assert "compte rendu impossible à tenir dans un fichier temporaire : disque plein ; la " in (
        result.output
    )
    assert "Traceback" not in result.output
    monkeypatch.undo()
    # What was written is kept, and recorded: the next run makes only the others.
    again = run("regenerer", inputs, "-o", tmp_path / "sortie", "-j", "1", "--format", "json")
    assert again.exit_code == 0
    statuses = [document["statut"] for document in json.loads(again.stdout)["documents"]]
    assert statuses.count("genere") + statuses.count("inchange") == 3


def test_a_temporary_file_that_cannot_be_made_is_a_french_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(spool_module.tempfile, "TemporaryFile", refused)
    with pytest.raises(StateError, match="compte rendu impossible à tenir"):
        Spool()

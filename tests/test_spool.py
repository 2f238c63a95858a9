"""A batch's report entries kept in a temporary file (``convgen.batch.spool``): read
back whole, in the order of their jobs, counted; a temporary file that cannot be written
stops the run with a French message."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from batch_support import make_inputs, run
from conftest import ROOT

from convgen.batch import run as run_module
from convgen.batch import spool as spool_module
from convgen.batch.report import Entry, Listing, Reason, Report, Status, text_report
from convgen.batch.spool import Spool
from convgen.errors import InputError, Problem, Severity, StateError


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


def _full_disk(*args: object, **kwargs: object) -> object:
    """A temporary file on a full disk: every write fails when it reaches the system."""
    return open("/dev/full", "w+b")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="/dev/full (Linux)")
def test_a_temporary_file_that_cannot_be_written_stops_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even for the last entry, which the spool's buffer would hold until the report is
    read: the run stops with the French message, code 1, never an internal error."""
    monkeypatch.setattr(spool_module.tempfile, "TemporaryFile", _full_disk)
    inputs, outputs = make_inputs(tmp_path / "entrees"), tmp_path / "sortie"
    planned = run("regenerer", inputs, "-o", outputs, "-j", "1", "--simulation")
    assert planned.exit_code == 1
    assert "fichier temporaire : disque plein ; libérez de la place dans le dossier des " in (
        planned.output
    )
    assert planned.output.rstrip().endswith("la simulation s'arrête")
    result = run("regenerer", inputs, "-o", outputs, "-j", "1")
    assert result.exit_code == 1
    assert "compte rendu impossible à tenir dans un fichier temporaire : disque plein" in (
        result.output
    )
    assert "les documents déjà écrits sont conservés" in result.output
    assert "Traceback" not in result.output and "interne" not in result.output
    monkeypatch.undo()
    # What was written is kept, and recorded: the next run has nothing to make.
    again = run("regenerer", inputs, "-o", outputs, "-j", "1", "--format", "json")
    assert again.exit_code == 0
    statuses = [document["statut"] for document in json.loads(again.stdout)["documents"]]
    assert statuses == ["inchange"] * 3


def test_no_usable_temporary_folder_is_a_french_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError(errno.ENOENT, "No usable temporary directory found")

    monkeypatch.setattr(spool_module.tempfile, "TemporaryFile", missing)
    monkeypatch.setattr(spool_module.tempfile, "gettempdir", missing)
    spool = Spool()  # nothing made yet: a run with nothing to report needs no file
    with pytest.raises(StateError) as refused:
        spool.add(0, entry("a"))
    assert str(refused.value) == (
        "compte rendu impossible à tenir dans un fichier temporaire : le dossier de "
        "destination n'existe pas ; vérifiez le dossier des fichiers temporaires (variable "
        "TMPDIR) ; la régénération s'arrête (les documents déjà écrits sont conservés et "
        "l'exécution suivante ne refera que les autres)"
    )
    assert len(spool) == 0
    for later in (lambda: spool.add(1, entry("b")), lambda: list(spool)):
        with pytest.raises(StateError, match="compte rendu impossible à tenir"):
            later()  # the same failure, never a Python error on a closed file


def test_a_batch_on_two_workers_reports_each_input_once_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Documents finish in any order on two workers, a read failure is reported when its
    task is made (the first input, gone since the plan) and a validation failure when
    its worker answers: the report still has each input once, in the order of the
    paths (« a-b/… » before « a.yaml » before « a/… »), in JSON as in text."""
    read = run_module.read_input_bytes

    def gone_since_the_plan(path: str | Path) -> bytes:
        if Path(path).name == "x.yaml":
            raise InputError("le fichier a disparu", source=str(path))
        return read(path)

    monkeypatch.setattr(run_module, "read_input_bytes", gone_since_the_plan)
    inputs = tmp_path / "entrees"
    example = ROOT / "exemples" / "chrs-csapa-addictions.yaml"
    names = ["a-b/x.yaml", "a.yaml", "a/b.yaml", "a0.yaml", "b.yaml", "sous/c.yaml"]
    names += [f"z/{number:02d}.yaml" for number in range(12)]
    for name in names:
        (inputs / name).parent.mkdir(parents=True, exist_ok=True)
        (inputs / name).write_bytes(example.read_bytes())
    (inputs / "a0.yaml").write_text("titre: [\n", encoding="utf-8")  # not YAML
    (inputs / "sous/c.yaml").write_text(  # YAML, but no convention
        "type_document: convention_partenariat\n", encoding="utf-8"
    )
    (inputs / "b.yaml").write_bytes(b"\xff\xfe")  # not UTF-8: refused as its task is made
    outputs = tmp_path / "sortie"
    result = run("regenerer", inputs, "-o", outputs, "-j", "2", "--format", "json")
    assert result.exit_code == 1, result.output
    documents = json.loads(result.stdout)["documents"]
    found = [Path(document["entree"]).relative_to(inputs).as_posix() for document in documents]
    assert found == sorted(names)
    failed = {
        name
        for name, document in zip(found, documents, strict=True)
        if document["statut"] == "echec"
    }
    assert failed == {"a-b/x.yaml", "a0.yaml", "b.yaml", "sous/c.yaml"}
    text = run("regenerer", inputs, "-o", outputs, "-j", "2", "--forcer").output
    printed = [
        line.split(" : ")[1].split(" ")[0]
        for line in text.splitlines()
        if " : " in line and not line.startswith(" ")
    ]
    assert printed[: len(names)] == [
        str(outputs / name.replace(".yaml", ".docx")) if name not in failed else str(inputs / name)
        for name in sorted(names)
    ]

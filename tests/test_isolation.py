"""One bad file never stops a batch; damaged state, special files and odd paths are
refused with a French message, exit code 1, never an internal error (exit 3)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from batch_support import CADA, CHRS, make_inputs, numbered_inputs, regenerate, run, statuses
from click.testing import CliRunner
from conftest import ROOT

from convgen.batch import run as batch_run
from convgen.batch import worker as build_worker
from convgen.batch.manifest import DATABASE, STATE_DIR
from convgen.batch.pool import bundle_size
from convgen.cli import main as cli
from convgen.errors import BatchError
from convgen.output import write_atomic

CORPUS = ROOT / "tests" / "entrees_invalides"
# Inputs that made a whole `regenerer` exit 3 with no report (issue 18, finding 1).
BATCH_BREAKERS = [
    "yaml-cle-de-fusion.yaml",
    "yaml-etiquette-omap.yaml",
    "yaml-etiquette-python.yaml",
    "yaml-directive-1-3.yaml",
    "type-dictionnaire.yaml",
    "date-annee-9999.yaml",
    "date-fin-9999.yaml",
    "duree-mois-enorme.yaml",
    "gcsms-duree-32-chiffres.yaml",
]


def _report(result: Any) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(result.stdout)
    return report


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_inputs_fail_alone_and_the_batch_goes_on(tmp_path: Path, jobs: str) -> None:
    inputs = tmp_path / "entrees"
    inputs.mkdir()
    shutil.copy(CHRS, inputs / "bon.yaml")
    for name in BATCH_BREAKERS:
        shutil.copy(CORPUS / name, inputs / name)
    result = run("regenerer", inputs, "-o", tmp_path / "sortie", "-j", jobs, "--format", "json")
    assert result.exit_code == 1, result.output
    found = statuses(_report(result), inputs)
    assert found.pop("bon.yaml") == ("genere", "nouveau")
    assert {name: status for name, (status, _) in found.items()} == dict.fromkeys(
        BATCH_BREAKERS, "echec"
    )
    assert (tmp_path / "sortie" / "bon.docx").is_file()


def test_any_exception_of_one_input_is_that_document_s_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = make_inputs(tmp_path / "entrees")
    validate = build_worker.validate

    def fragile(raw: Any, options: Any) -> Any:
        if raw.source.endswith("a.yaml"):
            raise KeyError("panne simulée")
        return validate(raw, options)

    monkeypatch.setattr(build_worker, "validate", fragile)
    result = run("regenerer", inputs, "-o", tmp_path / "sortie", "-j", "1")
    assert result.exit_code == 1, result.output
    assert f"{inputs / 'a.yaml'}:1: ce fichier n'a pas pu être traité" in result.output
    assert "sous/b.docx" in result.output and "c.docx" in result.output
    assert (tmp_path / "sortie" / "c.docx").is_file()


def test_a_fault_of_convgen_exits_3_with_the_report_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = make_inputs(tmp_path / "entrees")

    def broken(path: Path, data: bytes, **options: Any) -> None:
        if path.name == "a.docx":
            raise RuntimeError("bogue simulé")
        write_atomic(path, data, **options)

    monkeypatch.setattr(batch_run, "write_atomic", broken)
    result = run("regenerer", inputs, "-o", tmp_path / "sortie", "-j", "1", "--format", "json")
    assert result.exit_code == 3
    found = statuses(_report(result), inputs)
    assert found["a.yaml"][0] == "echec"
    assert found["c.json"] == ("genere", "nouveau")
    assert "Erreur interne de convgen" in result.stderr


def test_a_worker_that_dies_leaves_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker process killed (out of memory): the documents already made are kept
    and the others reported as failed, with advice; never a run without a report."""
    inputs = make_inputs(tmp_path / "entrees")
    real = batch_run.outcomes

    def dying(*args: Any, **kwargs: Any) -> Any:
        for number, outcome in enumerate(real(*args, **kwargs)):
            if number == 1:
                raise BatchError("un processus de calcul s'est arrêté brutalement ; relancez")
            yield outcome

    monkeypatch.setattr(batch_run, "outcomes", dying)
    result = run("regenerer", inputs, "-o", tmp_path / "sortie", "-j", "1", "--format", "json")
    assert result.exit_code == 1, result.output
    found = statuses(_report(result), inputs)
    assert sorted(status for status, _ in found.values()) == ["echec", "echec", "genere"]
    assert len(list((tmp_path / "sortie").rglob("*.docx"))) == 1


# --- damaged state ---------------------------------------------------------------------


def _state(outputs: Path) -> sqlite3.Connection:
    return sqlite3.connect(outputs / STATE_DIR / DATABASE, isolation_level=None)


def _pending(outputs: Path, record: dict[str, Any] | str) -> None:
    text = record if isinstance(record, str) else json.dumps(record)
    with _state(outputs) as db:
        db.execute("INSERT OR REPLACE INTO pending (input, record) VALUES ('a.yaml', ?)", (text,))


def _record(outputs: Path) -> dict[str, Any]:
    with _state(outputs) as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT * FROM documents WHERE input = 'a.yaml'").fetchone()
    return {key: row[key] for key in row.keys() if key != "parsed"}  # noqa: SIM118 - a Row iterates values


ADVICE = "supprimez le dossier .convgen puis relancez, sans --forcer"


@pytest.mark.parametrize("damage", ["json-illisible", "champ-manquant", "avertissements-texte"])
def test_damaged_state_gives_the_recovery_advice(tmp_path: Path, damage: str) -> None:
    inputs, outputs = make_inputs(tmp_path / "entrees"), tmp_path / "sortie"
    regenerate(inputs, outputs)
    record = _record(outputs)
    if damage == "json-illisible":
        _pending(outputs, "{pas du json")
    elif damage == "champ-manquant":
        del record["engine"]
        _pending(outputs, record)
    else:
        with _state(outputs) as db:
            db.execute("UPDATE documents SET warnings = 'beaucoup' WHERE input = 'a.yaml'")
    result = run("regenerer", inputs, "-o", outputs, "-j", "1")
    assert result.exit_code == 1, result.output
    assert ADVICE in result.output


def test_a_damaged_record_stops_the_run_even_for_an_input_it_does_not_plan(
    tmp_path: Path,
) -> None:
    # a.yaml is refused this time (a.json would make the same document), so its record
    # is never read to plan it: the state is still checked whole before any write.
    inputs, outputs = make_inputs(tmp_path / "entrees"), tmp_path / "sortie"
    regenerate(inputs, outputs)
    (inputs / "a.json").write_text("{}", encoding="utf-8")
    shutil.copy(CADA, inputs / "sous" / "b.yaml")  # a document that would be rewritten
    before = {path: path.read_bytes() for path in outputs.rglob("*.docx")}
    with _state(outputs) as db:
        db.execute("UPDATE documents SET warnings = 'beaucoup' WHERE input = 'a.yaml'")
    result = run("regenerer", inputs, "-o", outputs, "-j", "1")
    assert result.exit_code == 1, result.output
    assert ADVICE in result.output
    assert {path: path.read_bytes() for path in outputs.rglob("*.docx")} == before


def test_a_pending_record_never_leads_outside_the_output_folder(tmp_path: Path) -> None:
    inputs, outputs = make_inputs(tmp_path / "entrees"), tmp_path / "sortie"
    regenerate(inputs, outputs)
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    (elsewhere / ".convgen-precieux.tmp").write_text("à garder")
    record = _record(outputs)
    record["output"] = str(elsewhere / "x.docx")
    _pending(outputs, record)
    result = run("regenerer", inputs, "-o", outputs, "-j", "1")
    assert result.exit_code == 1
    assert ADVICE in result.output
    assert (elsewhere / ".convgen-precieux.tmp").read_text() == "à garder"


def test_a_damaged_cached_parse_is_parsed_again(tmp_path: Path) -> None:
    inputs, outputs = make_inputs(tmp_path / "entrees"), tmp_path / "sortie"
    regenerate(inputs, outputs)
    with _state(outputs) as db:
        db.execute("UPDATE documents SET parsed = x'00112233'")
    report = regenerate(inputs, outputs, "--forcer")  # the recorded parse serves
    assert {status for status, _ in statuses(report, inputs).values()} == {"genere"}


def test_temporary_file_of_an_identical_rewrite_is_swept(tmp_path: Path) -> None:
    """Killed while rewriting a document with the same bytes: the pending write is
    confirmed by the bytes on disk, and its temporary file removed all the same."""
    inputs, outputs = make_inputs(tmp_path / "entrees"), tmp_path / "sortie"
    regenerate(inputs, outputs)
    _pending(outputs, _record(outputs))
    stale = outputs / ".convgen-k1ll3d.tmp"
    stale.write_bytes(b"PK")
    regenerate(inputs, outputs)
    assert not stale.exists()


# --- paths and special files -----------------------------------------------------------


def test_symbolic_links_in_the_input_folder_are_reported(tmp_path: Path) -> None:
    inputs, outputs = make_inputs(tmp_path / "entrees"), tmp_path / "sortie"
    outside = tmp_path / "dehors.yaml"
    shutil.copy(CHRS, outside)
    (inputs / "lien-dehors.yaml").symlink_to(outside)
    (inputs / "boucle.yaml").symlink_to(inputs / "boucle.yaml")
    (inputs / "dossier-lie").symlink_to(inputs / "sous")
    (inputs / "lien-dedans.yaml").symlink_to(inputs / "a.yaml")
    result = run("regenerer", inputs, "-o", outputs, "-j", "1", "--format", "json")
    assert result.exit_code == 1, result.output
    report = _report(result)
    found = statuses(report, inputs)
    assert found["lien-dehors.yaml"][0] == "echec"
    assert found["boucle.yaml"][0] == "echec"
    assert found["dossier-lie"][0] == "echec"
    assert found["lien-dedans.yaml"] == ("genere", "nouveau")
    assert found["a.yaml"] == ("genere", "nouveau")
    messages = {Path(d["entree"]).name: " ".join(d["messages"]) for d in report["documents"]}
    assert "hors du dossier d'entrée" in messages["lien-dehors.yaml"]
    assert "en boucle" in messages["boucle.yaml"]
    assert "lien symbolique vers un dossier" in messages["dossier-lie"]


def test_writing_never_replaces_a_special_file(tmp_path: Path) -> None:
    fifo = tmp_path / "tube.json"
    os.mkfifo(fifo)
    result = CliRunner().invoke(cli.cli, ["schema", "convention_partenariat", "-o", str(fifo)])
    assert result.exit_code == 1, result.output
    assert "ce n'est pas un fichier ordinaire" in result.output
    assert fifo.is_fifo()


@pytest.mark.parametrize(
    "command",
    [
        ["generer", str(CHRS), "-o"],
        ["nouveau", "convention_partenariat", "-o"],
        ["schema", "convention_partenariat", "-o"],
    ],
)
def test_an_output_path_longer_than_the_system_allows_is_refused(
    tmp_path: Path, command: list[str]
) -> None:
    target = tmp_path / ("n" * 300 + ".docx")
    result = CliRunner().invoke(cli.cli, [*command, str(target)])
    assert result.exit_code == 1, result.output
    assert "nom trop long" in result.output


def test_an_input_with_a_251_character_name_is_handled(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "entrees", tmp_path / "sortie"
    inputs.mkdir()
    shutil.copy(CHRS, inputs / ("e" * 246 + ".yaml"))
    assert run("valider", inputs / ("e" * 246 + ".yaml")).exit_code == 0
    result = CliRunner().invoke(cli.cli, ["regenerer", str(inputs), "-o", str(outputs), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "Erreur interne" not in result.output


@pytest.mark.parametrize("kind", ["tube", "peripherique"])
def test_an_input_that_is_not_a_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "entree.yaml"
    if kind == "tube":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    result = CliRunner().invoke(cli.cli, ["valider", str(path)])
    assert result.exit_code == 1, result.output
    assert "ce n'est pas un fichier ordinaire" in result.output


@pytest.mark.parametrize("command", ["generer", "relire", "comparer"])
def test_an_output_that_is_a_link_loop_is_refused(tmp_path: Path, command: str) -> None:
    loop = tmp_path / "boucle.docx"
    loop.symlink_to(loop)
    document = tmp_path / "bon.docx"
    assert run("generer", CHRS, "-o", document).exit_code == 0
    first = [str(document), str(document)] if command == "comparer" else [str(CHRS)]
    result = CliRunner().invoke(cli.cli, [command, *first, "-o", str(loop)])
    assert result.exit_code == 1, result.output
    assert "trop de liens symboliques" in result.output
    assert loop.is_symlink()


def test_an_input_folder_that_is_a_pipe_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "entrees"
    os.mkfifo(fifo)
    result = CliRunner().invoke(cli.cli, ["regenerer", str(fifo), "-o", str(tmp_path / "s")])
    assert result.exit_code == 1, result.output
    assert "dossier d'entrées illisible" in result.output


def test_a_worker_process_that_dies_mid_bundle_fails_only_its_document(tmp_path: Path) -> None:
    """For real: a pool process exits in the middle of a bundle of tasks, each time it
    takes 07. A new pool runs the tasks of the broken bundles again, one at a time:
    only 07 fails, said as such, and every other document is made (the whole rest of
    the batch failed: 340 documents of 560 in the IT person's corpus); each input is
    reported once."""
    inputs = numbered_inputs(tmp_path / "entrees", 12)
    assert bundle_size(12, 2) == 3  # 06, 07 and 08 go together
    real = build_worker.Worker.run

    def dies_on_the_eighth(self: build_worker.Worker, task: build_worker.Task) -> Any:
        if task.input == "07.yaml":
            os._exit(1)  # as the kernel's out-of-memory killer would
        return real(self, task)

    outputs = tmp_path / "sortie"
    with pytest.MonkeyPatch.context() as patch:  # the pool's processes are forked from here
        patch.setattr(build_worker.Worker, "run", dies_on_the_eighth)
        result = run("regenerer", inputs, "-o", outputs, "-j", "2", "--format", "json")
    assert result.exit_code == 1, result.output
    report = _report(result)
    assert len(report["documents"]) == 12
    found = statuses(report, inputs)
    assert {name for name, (status, _) in found.items() if status == "echec"} == {"07.yaml"}
    (failed,) = [d for d in report["documents"] if d["statut"] == "echec"]
    assert "arrêté brutalement en traitant ce document seul" in " ".join(failed["messages"])
    written = {p.with_suffix(".yaml").name for p in outputs.rglob("*.docx")}
    assert written == {name for name, (status, _) in found.items() if status == "genere"}


def test_a_worker_killed_once_from_outside_costs_no_document(tmp_path: Path) -> None:
    """A pool process killed once (by the out-of-memory killer for another program's
    sake, by hand): the tasks it held run again in a new pool, and every document is
    made; the batch exits 0."""
    inputs = numbered_inputs(tmp_path / "entrees", 12)
    marker = tmp_path / "deja-tue"
    real = build_worker.Worker.run

    def killed_once(self: build_worker.Worker, task: build_worker.Task) -> Any:
        if task.input == "05.yaml" and not marker.exists():
            marker.touch()
            os._exit(1)
        return real(self, task)

    outputs = tmp_path / "sortie"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_worker.Worker, "run", killed_once)
        result = run("regenerer", inputs, "-o", outputs, "-j", "2", "--format", "json")
    assert result.exit_code == 0, result.output
    assert marker.exists()
    found = statuses(_report(result), inputs)
    assert len(found) == 12 and {status for status, _ in found.values()} == {"genere"}
    assert len(list(outputs.rglob("*.docx"))) == 12

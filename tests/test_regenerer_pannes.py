"""``convgen regenerer`` stopped anywhere: the next run settles what was left and finishes.

A run is stopped between the announcement of the writes and their record (the files
were written), before a write (it was not), and for real with SIGKILL (and SIGTERM) in
the middle of a batch, with one worker and with two, and at twenty random moments.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import random
import shutil
import signal
import sqlite3
import stat
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from batch_support import generer, make_inputs, numbered_inputs, regenerate, run, statuses
from click.testing import Result
from conftest import ROOT, edit_docx_part, replacing

from convgen.batch import pool as build_pool
from convgen.batch import run as build
from convgen.batch import worker as build_worker
from convgen.batch.manifest import DATABASE, STATE_DIR, Manifest
from convgen.batch.worker import Setup
from convgen.cli import main as cli_main
from convgen.cli.batch import _Progress
from convgen.output import TEMP_PREFIX
from convgen.validation.validator import Options


def folders(tmp_path: Path) -> tuple[Path, Path]:
    """The three inputs of batch_support, and an output folder."""
    return make_inputs(tmp_path / "entrees"), tmp_path / "sortie"


def interrupt_on_call(number: int, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, except that its ``number``-th call raises KeyboardInterrupt (Ctrl-C)."""
    calls = [0]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == number:
            raise KeyboardInterrupt
        return function(*args, **kwargs)

    return wrapper


def interrupted(
    tmp_path: Path, owner: Any, name: str, number: int, *options: str
) -> tuple[Path, Path, Result]:
    """The three inputs run with ``-j 1``, Ctrl-C falling on the ``number``-th call of
    ``owner.name``: the inputs, the output folder and the result (exit code 130)."""
    inputs, outputs = folders(tmp_path)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(owner, name, interrupt_on_call(number, getattr(owner, name)))
        result = run("regenerer", inputs, "-o", outputs, "-j", "1", *options)
    assert result.exit_code == 130, result.output
    return inputs, outputs, result


def test_stopped_after_the_writes_before_their_record(tmp_path: Path) -> None:
    inputs, outputs, _ = interrupted(tmp_path, Manifest, "mark_all_done", 1)
    for name in ("a.docx", "c.docx", "sous/b.docx"):  # written, but only announced
        assert (outputs / name).exists()
    with Manifest.open(outputs) as manifest:
        assert set(manifest.pending()) == {"a.yaml", "c.json", "sous/b.yaml"}
    report = regenerate(inputs, outputs)
    assert statuses(report, inputs) == {  # not taken for hand edits, not made again
        "a.yaml": ("inchange", None),
        "c.json": ("inchange", None),
        "sous/b.yaml": ("inchange", None),
    }
    assert regenerate(inputs, outputs)["totaux"]["inchange"] == 3


def test_renames_are_flushed_once_per_folder_before_their_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each document's bytes are flushed before its rename; each folder once for the
    group, and before the commit that says the documents are written (else a power
    cut could leave that record beside the previous file, taken for a hand edit)."""
    inputs, outputs = folders(tmp_path)
    events: list[str] = []
    real_fsync, real_done = os.fsync, Manifest.mark_all_done

    def fsync(descriptor: int) -> None:
        kind = "dossier" if stat.S_ISDIR(os.fstat(descriptor).st_mode) else "fichier"
        events.append(kind)
        real_fsync(descriptor)

    def mark_all_done(manifest: Manifest, written: Any) -> None:
        events.append(f"enregistre {len(written)}")
        real_done(manifest, written)

    with monkeypatch.context() as patched:
        patched.setattr(os, "fsync", fsync)
        patched.setattr(Manifest, "mark_all_done", mark_all_done)
        assert run("regenerer", inputs, "-o", outputs, "-j", "1").exit_code == 0
    # three documents in two folders (sortie/ and sortie/sous/): one group
    assert events == ["fichier"] * 3 + ["dossier"] * 2 + ["enregistre 3"]


def test_stopped_after_announcing_a_write_before_it(tmp_path: Path) -> None:
    inputs, outputs, _ = interrupted(tmp_path, build, "write_atomic", 2)
    assert not (outputs / "c.docx").exists()
    leftover = outputs / f"{TEMP_PREFIX}x1y2z3.tmp"  # what a kill during the write leaves
    leftover.write_bytes(b"moitie")
    report = regenerate(inputs, outputs)
    assert statuses(report, inputs) == {
        "a.yaml": ("inchange", None),
        "c.json": ("genere", "nouveau"),
        "sous/b.yaml": ("genere", "nouveau"),
    }
    assert not leftover.exists()
    with Manifest.open(outputs) as manifest:
        assert manifest.pending() == {}


def _many_inputs(folder: Path, count: int) -> list[str]:
    examples = sorted((ROOT / "exemples").glob("*.yaml"))
    names = []
    for index in range(count):
        name = f"lot/n{index:02d}.yaml"
        (folder / "lot").mkdir(parents=True, exist_ok=True)
        shutil.copy(examples[index % len(examples)], folder / name)
        names.append(name)
    return names


def _start(
    inputs: Path, outputs: Path, jobs: int, templates: Path | None = None
) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "convgen", "regenerer", str(inputs), "-o", str(outputs)]
    command += ["--jobs", str(jobs)]
    if templates is not None:
        command += ["--modeles", str(templates)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for_documents(outputs: Path, count: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 300  # a guard against a hung run, not a speed check
    while _written(outputs) < count:
        assert process.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "no document was written"
        time.sleep(0.005)


def _written(outputs: Path) -> int:
    return sum(1 for p in outputs.rglob("*.docx") if not p.name.startswith("."))


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _gone(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        return "State:\tZ" in status.read_text()
    except FileNotFoundError:
        return True


@pytest.mark.lent
@pytest.mark.parametrize("jobs", [1, 2])
def test_killed_in_the_middle_of_a_batch_then_resumed(tmp_path: Path, jobs: int) -> None:
    inputs, outputs = tmp_path / "entrees", tmp_path / "sortie"
    names = _many_inputs(inputs, 16)
    process = _start(inputs, outputs, jobs)
    _wait_for_documents(outputs, 3, process)
    workers = _children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    report = regenerate(inputs, outputs)  # at once: the lock died with the run
    deadline = time.monotonic() + 60  # pool workers leave with their parent (hang guard)
    while not all(_gone(pid) for pid in workers):
        assert time.monotonic() < deadline, "a worker outlived its parent"
        time.sleep(0.1)
    found = statuses(report, inputs)
    assert sorted(found) == names
    done_before = {name for name, (status, _) in found.items() if status == "inchange"}
    assert len(done_before) >= 3
    # (A fast machine may have finished more, or all, before the signal landed.)
    assert {found[name] for name in set(names) - done_before} <= {("genere", "nouveau")}
    assert not [p for p in outputs.rglob("*") if p.name.startswith(TEMP_PREFIX)]
    assert (outputs / "lot" / "n04.docx").read_bytes() == generer(
        inputs / "lot" / "n04.yaml", tmp_path / "attendu.docx"
    )
    assert regenerate(inputs, outputs)["totaux"]["inchange"] == 16


@pytest.mark.lent
@pytest.mark.parametrize("jobs", [1, 2])
def test_sigterm_ends_the_run_as_ctrl_c_does_and_says_so(tmp_path: Path, jobs: int) -> None:
    """SIGTERM (``kill``, a scheduler's time limit): the run stops as after Ctrl-C —
    nothing half written, the workers ended, the state settled — says so and how to
    finish, and ends with 143 (128 + 15)."""
    inputs, outputs = tmp_path / "entrees", tmp_path / "sortie"
    names = _many_inputs(inputs, 16)
    command = [sys.executable, "-m", "convgen", "regenerer", str(inputs), "-o", str(outputs)]
    # stderr in a file, not a pipe: workers left to leave on their own (within a second
    # of their parent) would hold a pipe open, and reading it would wait for them.
    with (tmp_path / "stderr.txt").open("wb") as stderr:
        process = subprocess.Popen(
            [*command, "--jobs", str(jobs)], stdout=subprocess.DEVNULL, stderr=stderr
        )
        _wait_for_documents(outputs, 2, process)
        workers = _children(process.pid)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=120)  # a guard against a hung run, not a speed check
    gone = [_gone(pid) for pid in workers]  # at once: ended by their parent
    said = (tmp_path / "stderr.txt").read_text(encoding="utf-8")
    assert process.returncode == 143, said
    assert "régénération interrompue : les documents déjà écrits sont gardés" in said
    assert said.rstrip().endswith("Interrompu : arrêt demandé (signal SIGTERM).")
    assert "Traceback" not in said
    assert all(gone)
    assert not [p for p in outputs.rglob("*") if p.name.startswith(TEMP_PREFIX)]
    _assert_state_intact(outputs)
    found = statuses(regenerate(inputs, outputs), inputs)
    assert sorted(found) == names
    assert {status for status, _ in found.values()} <= {"inchange", "genere"}
    assert regenerate(inputs, outputs)["totaux"]["inchange"] == 16


_SETUP = Setup(Options(today=dt.date(2026, 12, 6)), "moteur", {}, {})


def _sigterm_disposition() -> bool:
    return signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def _sigterm_self_then_wait() -> None:
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(30)  # ended by the signal before


def test_a_forked_worker_is_ended_by_sigterm_not_by_the_parents_handler() -> None:
    """The parent's SIGTERM handler raises (cli.main.Terminated, handled as Ctrl-C): a
    forked worker must instead end at once when its parent stops it — from its
    initializer on (the default action set back), and before it (the handler knows
    the process it was set for)."""
    previous = signal.signal(signal.SIGTERM, cli_main._terminate)
    cli_main._terminating[:] = [os.getpid()]
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(
            1, mp_context=context, initializer=build_pool.start_pool_worker, initargs=(_SETUP,)
        ) as pool:
            assert pool.submit(_sigterm_disposition).result(timeout=60)
        child = context.Process(target=_sigterm_self_then_wait)
        child.start()
        child.join(60)
        assert child.exitcode == -signal.SIGTERM
    finally:
        signal.signal(signal.SIGTERM, previous)
        cli_main._terminating.clear()


def _convgen_command(body: str, *, sigterm_ignored: bool = False) -> tuple[int, str, str]:
    """convgen's entry point running a command added for the test, whose body is
    ``body``; SIGTERM ignored before it starts, if asked (as by the program that
    starts it: an ignored signal stays ignored through exec)."""
    program = (
        "import os, signal, sys, time\n"
        + ("signal.signal(signal.SIGTERM, signal.SIG_IGN)\n" if sigterm_ignored else "")
        + "import click\n"
        "from convgen.cli import main as cli_main\n"
        "def command():\n"
        f"    {body}\n"
        "essai = click.command('essai')(command)\n"
        "cli_main.COMMANDS['essai'] = '__main__:essai'\n"
        "cli_main.SUMMARIES['essai'] = 'essai'\n"
        "cli_main.main(['essai'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=False
    )
    return done.returncode, done.stdout, done.stderr


def test_sigterm_during_any_command_ends_it_with_143_and_says_so() -> None:
    code, _, said = _convgen_command("os.kill(os.getpid(), signal.SIGTERM); time.sleep(30)")
    assert (code, said) == (143, "Interrompu : arrêt demandé (signal SIGTERM).\n")


def test_a_sigterm_ignored_by_the_caller_stays_ignored() -> None:
    body = "os.kill(os.getpid(), signal.SIGTERM); print('fini')"
    assert _convgen_command(body, sigterm_ignored=True) == (0, "fini\n", "")


def test_interrupted_run_releases_the_lock(tmp_path: Path) -> None:
    inputs, outputs, _ = interrupted(tmp_path, build, "write_atomic", 1)
    assert os.path.exists(outputs / ".convgen" / "verrou")
    assert regenerate(inputs, outputs)["totaux"]["genere"] == 3


def test_an_interrupted_run_says_what_to_do_and_a_script_still_reads_json(
    tmp_path: Path,
) -> None:
    inputs, outputs, result = interrupted(tmp_path, build, "write_atomic", 2, "--format", "json")
    error = json.loads(result.stdout)["erreur"]
    said = (
        "régénération interrompue : les documents déjà écrits sont gardés (1 document traité "
        "sur 3) ; relancez la même commande pour terminer les 2 autres"
    )
    assert error["message"] == said  # the first document written, the second interrupted
    assert f"{said}.\n" in result.stderr
    assert result.stderr.rstrip().endswith("Interrompu.")
    totals = regenerate(inputs, outputs)["totaux"]
    assert totals["genere"] + totals["inchange"] == 3 and totals["echec"] == 0


@pytest.mark.parametrize("output_format", ["json", "texte"])
def test_an_interrupted_run_lists_the_documents_it_finished(
    tmp_path: Path, output_format: str
) -> None:
    """After a template change, the documents already regenerated are those to send out
    again; the next run, finding them up to date, lists them as unchanged. The report
    of the interrupted run names them (it said only how many)."""
    _, outputs, result = interrupted(tmp_path, build, "write_atomic", 2, "--format", output_format)
    written = [p for p in outputs.rglob("*.docx")]
    assert len(written) == 1
    if output_format == "json":
        (document,) = json.loads(result.stdout)["documents"]
        assert document["statut"] == "genere" and document["raison"] == "nouveau"
        assert Path(document["sortie"]).resolve() == written[0].resolve()
    else:
        (line,) = [line for line in result.stdout.splitlines() if line.strip()]
        assert line.startswith("généré : ") and line.endswith(f"{written[0].name} (nouveau)")


def test_ctrl_c_ends_the_workers_without_waiting_for_their_documents(tmp_path: Path) -> None:
    """Ctrl-C with two processes: what the workers are rendering will not be written, so
    they are ended at once rather than left to finish (a template that loops holds each
    document up to the render time limit). Here a document takes a minute: the run stops
    while one is under way, and its worker never finishes it."""
    inputs = numbered_inputs(tmp_path / "entrees", 12)
    marks = tmp_path / "marques"
    marks.mkdir()
    real_run, real_finish = build_worker.Worker.run, build._Batch._finish

    def slow_after_the_first_bundle(self: build_worker.Worker, task: build_worker.Task) -> Any:
        if task.input >= "03.yaml":
            (marks / f"debut-{os.getpid()}-{task.input}").touch()
            time.sleep(60)
            (marks / f"fin-{task.input}").touch()
        return real_run(self, task)

    def ctrl_c_once_a_slow_one_runs(self: Any, *args: Any) -> Any:
        for _ in range(400):  # the other worker starts its first document within seconds
            if any(marks.glob("debut-*")):
                raise KeyboardInterrupt
            time.sleep(0.05)
        return real_finish(self, *args)

    with pytest.MonkeyPatch.context() as patched:  # the workers are forked from here
        patched.setattr(build_worker.Worker, "run", slow_after_the_first_bundle)
        patched.setattr(build._Batch, "_finish", ctrl_c_once_a_slow_one_runs)
        result = run("regenerer", inputs, "-o", tmp_path / "sortie", "-j", "2")
    assert result.exit_code == 130
    started = {int(mark.name.split("-")[1]) for mark in marks.glob("debut-*")}
    assert started
    assert not list(marks.glob("fin-*"))
    for pid in started:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # ended and reaped


KILL_TRIALS = 20


@pytest.mark.lent
def test_killed_at_twenty_moments_then_resumed(tmp_path: Path) -> None:
    """SIGKILL twenty times, with one worker and with two: half the runs build a new
    folder, half rebuild a complete one after a template edit, replacing good
    documents. Each kill lands after a drawn number of documents (0 to 15: from
    start-up to the last writes) plus a drawn delay of up to 50 ms, so it falls
    anywhere between or inside the steps of a document (render, announce, write,
    rename, record). After each kill: every .docx in the folder is whole — the old
    version or the new one, never a mix or a truncation —, the state passes SQLite's
    integrity check, and the next run generates exactly the documents still missing
    or still old, then nothing."""
    inputs = tmp_path / "entrees"
    names = _many_inputs(inputs, 16)
    templates = Path(shutil.copytree(ROOT / "modeles", tmp_path / "modeles"))
    old_outputs = tmp_path / "anciens"
    regenerate(inputs, old_outputs, "--modeles", templates)
    old = _documents(old_outputs, names)
    edited = Path(shutil.copytree(templates, tmp_path / "modeles-corriges"))
    edit_docx_part(
        edited / "fragments" / "signatures.docx",
        "word/document.xml",
        replacing("{{ signature.lieu }}", "{{ signature.lieu }} "),
    )
    new_outputs = tmp_path / "nouveaux"
    regenerate(inputs, new_outputs, "--modeles", edited)
    new = _documents(new_outputs, names)
    draw = random.Random(20261122)
    outcomes = []
    for trial in range(KILL_TRIALS):
        rebuild = trial % 2 == 1
        outputs = tmp_path / f"essai-{trial}"
        if rebuild:
            shutil.copytree(old_outputs, outputs)
        process = _start(inputs, outputs, jobs=1 + (trial // 2) % 2, templates=edited)
        after = 0 if trial < 2 else draw.randrange(1, len(names))  # 0: during start-up
        if after:
            _wait_for_changed(outputs, old if rebuild else {}, after, process)
        time.sleep(draw.uniform(0, 0.05))
        process.send_signal(signal.SIGKILL)
        process.wait()
        found = _documents(outputs, names)
        for name, data in found.items():
            assert data == new[name] or (rebuild and data == old[name]), (trial, name)
        _assert_state_intact(outputs)
        done = {name for name, data in found.items() if data == new[name]}
        report = statuses(regenerate(inputs, outputs, "--modeles", edited), inputs)
        generated = {name for name, (status, _) in report.items() if status == "genere"}
        assert generated == set(names) - done, f"essai {trial}"
        assert not [p for p in outputs.rglob("*") if p.name.startswith(TEMP_PREFIX)]
        assert _documents(outputs, names) == new
        totals = regenerate(inputs, outputs, "--modeles", edited)["totaux"]
        assert totals["inchange"] == len(names)
        outcomes.append(f"{'refonte' if rebuild else 'création'} : {len(done)}/{len(names)}")
        shutil.rmtree(outputs)
    print("documents à jour au moment de chaque arrêt :", ", ".join(outcomes))


def _documents(outputs: Path, names: list[str]) -> dict[str, bytes]:
    """The .docx of each input that has one in ``outputs``, by input name."""
    found = {}
    for name in names:
        path = (outputs / name).with_suffix(".docx")
        if path.exists():
            found[name] = path.read_bytes()
    return found


def _wait_for_changed(
    outputs: Path, old: dict[str, bytes], count: int, process: subprocess.Popen[bytes]
) -> None:
    """Until ``count`` documents differ from ``old`` (are new, or rebuilt)."""
    deadline = time.monotonic() + 300  # a guard against a hung run, not a speed check
    while True:
        changed = 0
        for path in outputs.rglob("*.docx"):
            name = path.relative_to(outputs).with_suffix(".yaml").as_posix()
            if name not in old or _read(path) != old[name]:
                changed += 1
        if changed >= count or process.poll() is not None:
            return
        assert time.monotonic() < deadline, "no document was written"
        time.sleep(0.005)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:  # renamed over at that very moment
        return None


def _assert_state_intact(outputs: Path) -> None:
    """The state passes SQLite's integrity check once SQLite has rolled back the journal a
    kill may leave (in a copy: the next run must find that journal itself), and
    ``--simulation`` reads it without touching the folder."""
    state = outputs / STATE_DIR
    if not (state / DATABASE).exists():  # killed before the state was created
        return
    copy = outputs.parent / "etat-verifie"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(state, copy)
    with sqlite3.connect(copy / DATABASE) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    before = _state_files(state)
    with Manifest.read_only(outputs) as manifest:
        manifest.records()
    assert _state_files(state) == before


def _state_files(state: Path) -> dict[str, bytes | None]:
    """The files of the state, with their bytes but for the WAL index (-shm): shared
    memory, where every reader of a WAL database, read-only too, marks what it reads."""
    return {
        path.name: None if path.name.endswith("-shm") else path.read_bytes()
        for path in state.iterdir()
    }


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="processus forkés"
)
def test_stopping_the_workers_never_waits_for_half_a_result() -> None:
    """Ctrl-C can end a worker while it sends a result: half a message stays in the
    results pipe and the pool's manager waits for the rest. Stopping the workers must
    still let the pool shut down (else the run hangs, its output folder locked)."""
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    pool.submit(_sleep, 60)
    time.sleep(0.5)  # the worker started, busy
    # What a worker ended mid-send leaves: a message's length, then nothing.
    os.write(pool._result_queue._writer.fileno(), struct.pack("!i", 1000))  # type: ignore[attr-defined]
    time.sleep(0.2)  # the manager reads the length, then waits for the body
    stopping = threading.Thread(
        target=lambda: (build_pool._stop_workers(pool), pool.shutdown(wait=True)), daemon=True
    )
    stopping.start()
    stopping.join(30)  # a guard against the hang, not a speed check
    assert not stopping.is_alive()


@pytest.mark.parametrize(
    ("done", "total", "said"),
    [
        (None, None, "gardés ; relancez la même commande pour terminer"),
        (0, 0, "gardés ; relancez la même commande pour terminer"),  # nothing to make (PDFs)
        (
            15,
            16,
            "gardés (15 documents traités sur 16) ; relancez la même commande pour "
            "terminer le dernier",
        ),
        (16, 16, "gardés (16 documents traités sur 16) ; relancez la même commande pour terminer"),
    ],
)
def test_an_interruption_says_how_far_the_run_went(
    done: int | None, total: int | None, said: str
) -> None:
    progress = _Progress(drawn=False)
    if done is not None and total is not None:
        progress(done, total)
    assert (
        progress.interrupted()
        == f"régénération interrompue : les documents déjà écrits sont {said}"
    )


@pytest.mark.parametrize(
    ("total", "said"),
    [
        (3, "(aucun traité sur 3) ; relancez la même commande pour les traiter"),
        (1, "(aucun traité sur 1) ; relancez la même commande pour le traiter"),
    ],
)
def test_an_interruption_before_any_document_says_so(total: int, said: str) -> None:
    progress = _Progress(drawn=False)
    progress(0, total)
    assert progress.interrupted() == (
        f"régénération interrompue avant la fin du premier document {said}"
    )


def test_an_interrupted_forced_run_says_the_same_command_redoes_everything() -> None:
    progress = _Progress(drawn=False, forced=True)
    progress(243, 352)
    assert progress.interrupted().endswith(
        "relancez la même commande pour terminer les 109 autres (avec --forcer, elle refait "
        "aussi les documents déjà traités)"
    )
